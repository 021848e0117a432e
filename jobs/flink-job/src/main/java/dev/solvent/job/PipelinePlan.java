package dev.solvent.job;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A human-readable plan of the job graph: what each stage is keyed by, reads, writes and does. */
public final class PipelinePlan {

  private PipelinePlan() {}

  public static String render() {
    return Arrays.stream(Stage.values())
        .map(stage -> String.format("%-15s keyBy %-10s  in: %s%n%17s out: %s%n%17s %s",
            stage.id(), stage.keyedBy(), String.join(", ", stage.inputs()),
            "", stage.outputTopics().isEmpty() ? "(internal)" : String.join(", ", stage.outputTopics()),
            "", stage.does()))
        .collect(Collectors.joining(System.lineSeparator(), "Solvent job graph" + System.lineSeparator(),
            System.lineSeparator()));
  }
}
