package dev.solvent.harness.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {

  private record Out(String topic, String key, long time, String value) {}

  private static List<Out> kept(Deduplicator d, List<Out> arrived) {
    List<Out> kept = new ArrayList<>();
    for (Out o : arrived) {
      if (d.keep(o.topic(), o.key().getBytes(StandardCharsets.UTF_8), o.time(),
          o.value().getBytes(StandardCharsets.UTF_8))) {
        kept.add(o);
      }
    }
    return kept;
  }

  @Test
  void aRestartMidInstantReEmitsCopiesThatAreDroppedWhileNewRecordsOfThatInstantAreKept() {
    Out a1 = new Out("margin.calls", "a", 1_000, "a@1000#1");
    Out a2 = new Out("margin.calls", "a", 2_000, "a@2000#1");
    Out a3 = new Out("margin.calls", "a", 2_000, "a@2000#2");
    Out a4 = new Out("margin.calls", "a", 3_000, "a@3000#1");
    // The first run got as far as a2; the restart re-emits from a1 on, and then goes on.
    List<Out> arrived = List.of(a1, a2, a1, a2, a3, a4);
    Deduplicator d = new Deduplicator();
    assertThat(kept(d, arrived)).containsExactly(a1, a2, a3, a4);
    assertThat(d.dropped()).isEqualTo(2);
    assertThat(d.kept()).isEqualTo(4);
  }

  @Test
  void keysAndTopicsAreIndependent() {
    Out a = new Out("margin.calls", "a", 5_000, "x");
    Out b = new Out("margin.calls", "b", 1_000, "x");
    Out c = new Out("liquidation.orders", "a", 1_000, "x");
    assertThat(kept(new Deduplicator(), List.of(a, b, c, a))).containsExactly(a, b, c);
  }

  /**
   * A deterministic job's output per key, re-emitted from random restart points (never before what the consumer
   * had when the restart's checkpoint was taken), interleaved across keys: the kept stream is the original.
   */
  @Test
  void randomRestartsLeaveExactlyTheUndisturbedStream() {
    Random random = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      List<Out> original = new ArrayList<>();
      for (String key : List.of("a", "b", "c")) {
        long time = 0;
        for (int i = 0; i < 30; i++) {
          time += random.nextInt(3) * 1_000L; // several records at one instant, often
          original.add(new Out("t", key, time, key + "#" + i));
        }
      }
      List<Out> arrived = new ArrayList<>();
      for (String key : List.of("a", "b", "c")) {
        List<Out> ofKey = original.stream().filter(o -> o.key().equals(key)).toList();
        int sent = 0;
        while (sent < ofKey.size()) {
          int upTo = Math.min(ofKey.size(), sent + 1 + random.nextInt(10));
          arrived.addAll(ofKey.subList(sent, upTo));
          sent = upTo;
          if (random.nextInt(3) == 0 && sent < ofKey.size()) {
            sent = random.nextInt(sent + 1); // the restart re-emits from an earlier checkpoint
          }
        }
      }
      List<Out> expected = new ArrayList<>(original);
      List<Out> kept = kept(new Deduplicator(), arrived);
      assertThat(kept).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
