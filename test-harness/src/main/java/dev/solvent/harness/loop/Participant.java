package dev.solvent.harness.loop;

import java.util.List;

/**
 * Something on the other side of the job in a {@link ClosedLoop}: the venue, the liquidators, or an observer that
 * writes, counts or checks. Called once per step, in a fixed order, with the step's inputs and the job's outputs in
 * canonical order; what it returns is fed to the job in a later step.
 */
public interface Participant {

  /**
   * @param until the outputs are complete up to this event time; returned records must be later than it
   * @param inputs the records fed to the job in this step
   * @param outputs the job's outputs with event times in this step
   * @return records to feed to the job, each with an event time after {@code until}
   */
  List<LoopRecord> step(long until, List<LoopRecord> inputs, List<LoopRecord> outputs);

  /**
   * May rewrite a record of the feed before the job sees it (the venue moves the other venues' quotes by the impact
   * of its fills, as arbitrage would). Called in event-time order, after the previous step's answers.
   */
  default LoopRecord adjust(LoopRecord input) {
    return input;
  }

  /** Called once the job has finished, with its last outputs (those released by the end of input). */
  default void finish(List<LoopRecord> outputs) {
    step(Long.MAX_VALUE, List.of(), outputs);
  }
}
