package dev.solvent.cli;

import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.kafka.TopicLoader;
import dev.solvent.harness.loop.Feed;
import dev.solvent.job.io.KafkaConnection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./solvent load-topics demo|history}: the demo's crash or recorded history into the input topics of a Kafka
 * broker, keyed, timestamped with event time, idempotently (see {@link TopicLoader}).
 */
@Command(name = "load-topics", mixinStandardHelpOptions = true,
    description = {"The demo's crash or recorded history into the input topics of a Kafka broker (keyed, event-time "
        + "timestamps, a heartbeat per partition each minute, idempotent)."},
    subcommands = {LoadTopicsCommand.Demo.class, LoadTopicsCommand.History.class})
final class LoadTopicsCommand implements Callable<Integer> {

  @ParentCommand
  SolventCli root;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "say what to load: load-topics demo ... or load-topics "
        + "history ...");
  }

  /** Where to load. */
  static final class Target {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", required = true, description = "the Kafka broker")
    String bootstrap;

    @Option(names = "--client-properties", paramLabel = "FILE", description = "Kafka client security settings (TLS, "
        + "SASL; README \"Security\"): the loader's principal, which may write the input topics only")
    String clientProperties;

    @Option(names = "--partitions", paramLabel = "N", description = "partitions of topics it creates "
        + "(default: ${DEFAULT-VALUE})")
    int partitions = 2;
  }

  private static int load(SolventCli root, Target target, Feed feed) throws Exception {
    root.out.println("loading " + feed.description() + " into " + target.bootstrap);
    TopicLoader.load(KafkaConnection.of(target.bootstrap, target.clientProperties), feed, target.partitions, root.out);
    return 0;
  }

  @Command(name = "demo", mixinStandardHelpOptions = true, description = "The demo's generated crash.")
  static final class Demo implements Callable<Integer> {
    @ParentCommand
    LoadTopicsCommand parent;

    @Mixin
    Target target;

    @Mixin
    DemoCommand.CrashOptions crash;

    @Override
    public Integer call() throws Exception {
      return load(parent.root, target, CrashScenario.generate(crash.settings()));
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true, description = "Recorded history, as replay reads it.")
  static final class History implements Callable<Integer> {
    @ParentCommand
    LoadTopicsCommand parent;

    @Mixin
    Target target;

    @Mixin
    HistoryOptions history;

    @Override
    public Integer call() throws Exception {
      return load(parent.root, target, history.history().feed());
    }
  }
}
