package dev.solvent.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./solvent reference} (hidden): the README's command reference, generated from the commands' own definitions
 * so the two cannot drift (a test checks the README holds exactly this).
 */
@Command(name = "reference", hidden = true, description = "Print the README's command reference (Markdown).")
final class ReferenceCommand implements Callable<Integer> {

  @ParentCommand
  SolventCli root;

  @Override
  public Integer call() {
    root.out.print(markdown(SolventCli.commandLine(root.out, root.err)));
    return 0;
  }

  /** One table per command (subcommands under their parent): each option and parameter with what it does. */
  static String markdown(CommandLine line) {
    StringBuilder md = new StringBuilder();
    for (CommandLine command : line.getSubcommands().values()) {
      append(md, command);
    }
    return md.toString();
  }

  private static void append(StringBuilder md, CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    if (spec.usageMessage().hidden()) {
      return;
    }
    md.append("#### `").append(spec.qualifiedName().replaceFirst("^solvent", "./solvent")).append("`\n\n")
        .append(String.join(" ", spec.usageMessage().description())).append("\n\n");
    List<OptionSpec> options = spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
    if (!options.isEmpty() || !spec.positionalParameters().isEmpty()) {
      md.append("| option | what it does |\n|---|---|\n");
      for (PositionalParamSpec p : spec.positionalParameters()) {
        md.append("| `").append(p.paramLabel()).append(p.isMultiValue() ? "...` | " : "` | ")
            .append(cell(String.join(" ", p.description()), p)).append(" |\n");
      }
      for (OptionSpec o : options) {
        String label = o.typeInfo().isBoolean() ? "" : (" " + o.paramLabel()).repeat(Math.max(1, o.arity().min()));
        md.append("| `").append(String.join(", ", o.names())).append(label).append("`")
            .append(o.required() ? " (required)" : "").append(" | ")
            .append(cell(String.join(" ", o.description()), o)).append(" |\n");
      }
      md.append('\n');
    }
    for (CommandLine sub : command.getSubcommands().values()) {
      append(md, sub);
    }
  }

  private static String cell(String description, CommandLine.Model.ArgSpec arg) {
    String defaultValue = arg.defaultValueString();
    return description.replace("${DEFAULT-VALUE}", defaultValue == null ? "" : defaultValue).replace("|", "\\|");
  }
}
