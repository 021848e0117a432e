package dev.solvent.harness.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * What a loop feeds the job: input records in event-time order, and the event-time span to run.
 *
 * @param description one line for the summary, e.g. where the prices come from
 */
public record Feed(List<LoopRecord> records, long start, long end, String description) {

  public Feed {
    List<LoopRecord> sorted = new ArrayList<>(records);
    sorted.sort(LoopRecord.CANONICAL);
    records = List.copyOf(sorted);
    if (end < start) {
      throw new IllegalArgumentException("the feed ends before it starts");
    }
  }
}
