package dev.solvent.job.common;

import org.apache.flink.streaming.api.TimerService;

/**
 * A bounded replay ends with the maximal watermark, which fires every pending timer at once. Timers a stage schedules
 * for itself (oracle heartbeats, auction steps, liquidation deadlines) would then chain forever or emit decisions
 * after the data ended, so they do nothing once the input has ended.
 */
public final class EndOfInput {

  private EndOfInput() {}

  public static boolean reached(TimerService timers) {
    return timers.currentWatermark() == Long.MAX_VALUE;
  }
}
