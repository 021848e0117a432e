package dev.solvent.cli;

import dev.solvent.job.PipelinePlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code ./solvent plan}: the job graph's stages, keys, inputs and output topics. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Print the job graph: stages, keys, topics.")
final class PlanCommand implements Callable<Integer> {

  @ParentCommand
  SolventCli root;

  @Override
  public Integer call() {
    root.out.print(PipelinePlan.render());
    return 0;
  }
}
