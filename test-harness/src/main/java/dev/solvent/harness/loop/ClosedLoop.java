package dev.solvent.harness.loop;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.bids.AuctionBid;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.vols.MarketVol;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.job.SolventEnvironment;
import dev.solvent.job.SolventPipeline;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the job graph of production ({@link SolventPipeline#build}) on an embedded cluster with its inputs and
 * outputs on a {@link Bus}, in lock-step with what sits on the other side: each step feeds the inputs up to a time,
 * waits until every output topic's watermark has passed it, then hands the outputs to the participants, whose
 * answers (fills, impact ticks, bids) are fed in the next step at their own event times. Nothing is ever fed behind
 * the job's watermark, so event time stays exact: the loop only decides how far the job may run ahead.
 */
public final class ClosedLoop {

  /** How far each step runs: short steps while the job is liquidating, so answers land close to their time. */
  public interface StepPolicy {
    long next(long until, List<LoopRecord> outputs);
  }

  /** Fine steps for a while after any liquidation, ADL or auction output; coarse steps otherwise. */
  public static StepPolicy adaptive(long fineMillis, long coarseMillis, long holdMillis) {
    return new StepPolicy() {
      private long activeUntil = Long.MIN_VALUE;

      @Override
      public long next(long until, List<LoopRecord> outputs) {
        for (LoopRecord out : outputs) {
          String topic = out.topic();
          if (topic.equals("liquidation.orders") || topic.equals("liquidation.crosses") || topic.equals("adl.orders")
              || topic.equals("auction.events") || topic.equals("risk.offers") || topic.equals("risk.awards")) {
            activeUntil = Math.max(activeUntil, out.time() + holdMillis);
          }
        }
        return until < activeUntil ? fineMillis : coarseMillis;
      }
    };
  }

  private static final long STEP_TIMEOUT_MILLIS = 600_000;

  private final SolventConfig config;
  private final Configuration flink;
  private final List<Participant> participants;
  private final StepPolicy policy;
  private final Progress progress;
  private final Map<String, Long> lastSequence = new HashMap<>();
  private final Map<String, WireFormat<SpecificRecord>> wires = new HashMap<>();

  public ClosedLoop(SolventConfig config, Configuration flink, List<Participant> participants, StepPolicy policy,
      Progress progress) {
    this.config = config;
    this.flink = flink;
    this.participants = List.copyOf(participants);
    this.policy = policy;
    this.progress = progress;
  }

  /**
   * Feeds {@code feed} (in event-time order) from {@code start} until {@code end}, answering the job's outputs as
   * they come, then ends the inputs and lets the job finish.
   */
  public void run(Iterator<LoopRecord> feed, long start, long end) throws Exception {
    if (config.get(SolventConfig.MAX_OUT_OF_ORDERNESS) != 0) {
      // A step's outputs are complete once the watermark passes the step's heartbeats; an allowed lateness holds it
      // back by as much, and the loop would wait for outputs that cannot come (RunConfig.loop sets 0).
      throw new IllegalArgumentException("the closed loop needs input.max-out-of-orderness-ms=0, not "
          + config.get(SolventConfig.MAX_OUT_OF_ORDERNESS));
    }
    Bus bus = Bus.open("loop-" + UUID.randomUUID(), SolventPipeline.outputs(config).size());
    try {
      StreamExecutionEnvironment env = SolventEnvironment.create(config, flink);
      SolventPipeline.build(env, new BusInputs(bus), new BusOutputs(bus), config);
      JobClient job = env.executeAsync("solvent-loop");
      PriorityQueue<LoopRecord> answers = new PriorityQueue<>(LoopRecord.CANONICAL);
      LoopRecord next = feed.hasNext() ? feed.next() : null;
      long until = start - 1;
      List<LoopRecord> outputs = List.of();
      progress.start(start, end);
      while (until < end) {
        long step = Math.max(1, policy.next(until, outputs));
        long target = Math.min(end, until + step);
        List<LoopRecord> inputs = new ArrayList<>();
        while (next != null && next.time() <= target) {
          for (Participant p : participants) {
            next = p.adjust(next);
          }
          inputs.add(next);
          next = feed.hasNext() ? feed.next() : null;
        }
        while (!answers.isEmpty() && answers.peek().time() <= target) {
          inputs.add(answers.poll());
        }
        inputs.sort(LoopRecord.CANONICAL);
        long waitFrom = System.nanoTime();
        feed(bus, inputs, target);
        awaitOutputs(bus, job, target);
        long waited = System.nanoTime() - waitFrom;
        outputs = sorted(bus.drain());
        for (Participant p : participants) {
          for (LoopRecord answer : p.step(target, inputs, outputs)) {
            if (answer.time() <= target) {
              throw new IllegalStateException("answer at " + answer.time() + " is not after the step's end " + target
                  + ": " + answer);
            }
            answers.add(answer);
          }
        }
        progress.step(target, inputs.size(), outputs.size(), waited);
        until = target;
      }
      bus.close();
      job.getJobExecutionResult().get();
      List<LoopRecord> last = sorted(bus.drain());
      participants.forEach(p -> p.finish(last));
      progress.done(last.size());
    } finally {
      bus.release();
    }
  }

  /** Appends a step's inputs, then a heartbeat per input topic one millisecond after it: the watermark reaches it. */
  private void feed(Bus bus, List<LoopRecord> inputs, long until) {
    Map<String, List<byte[]>> byTopic = new HashMap<>();
    for (LoopRecord in : inputs) {
      byTopic.computeIfAbsent(in.topic(), t -> new ArrayList<>()).add(encode(in.topic(), sequenced(in.record())));
    }
    Instant beat = Instant.ofEpochMilli(until + 1);
    byTopic.computeIfAbsent("market.ticks", t -> new ArrayList<>())
        .add(encode("market.ticks", new MarketTick(beat, new dev.solvent.avro.ticks.Heartbeat("loop"))));
    byTopic.computeIfAbsent("market.vols", t -> new ArrayList<>())
        .add(encode("market.vols", new MarketVol(beat, new dev.solvent.avro.vols.Heartbeat("loop"))));
    byTopic.computeIfAbsent("instruments", t -> new ArrayList<>())
        .add(encode("instruments", new InstrumentUpdate(beat, new dev.solvent.avro.instruments.Heartbeat("loop"))));
    byTopic.computeIfAbsent("account.events", t -> new ArrayList<>())
        .add(encode("account.events", new AccountEvent(beat, 0L, new dev.solvent.avro.account.Heartbeat("loop"))));
    byTopic.computeIfAbsent("auction.bids", t -> new ArrayList<>())
        .add(encode("auction.bids", new AuctionBid(beat, new dev.solvent.avro.bids.Heartbeat("loop"))));
    if (config.get(SolventConfig.RISK_AUCTION)) {
      byTopic.computeIfAbsent("risk.bids", t -> new ArrayList<>()).add(encode("risk.bids",
          new dev.solvent.avro.riskbids.RiskBid(beat, new dev.solvent.avro.riskbids.Heartbeat("loop"))));
    }
    byTopic.forEach(bus::append);
  }

  /**
   * Account events get the venue's per-account sequence: a participant's answer (sequence below 1) takes the next
   * one after what its account has seen, so the tie-break at equal event times stays the order of the loop.
   */
  private SpecificRecord sequenced(SpecificRecord record) {
    if (!(record instanceof AccountEvent event)) {
      return record;
    }
    String account = Topics.ACCOUNT_EVENTS.key(event);
    long last = lastSequence.getOrDefault(account, 0L);
    if (event.getSequence() < 1) {
      event.setSequence(last + 1);
    }
    lastSequence.put(account, Math.max(last, event.getSequence()));
    return event;
  }

  @SuppressWarnings("unchecked")
  private byte[] encode(String topic, SpecificRecord record) {
    return wires.computeIfAbsent(topic, t -> WireFormat.of((Topic<SpecificRecord>) Topics.byName(t))).encode(record);
  }

  private static void awaitOutputs(Bus bus, JobClient job, long until) throws Exception {
    long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MILLIS;
    while (!bus.awaitWatermark(until, 200)) {
      var result = job.getJobExecutionResult();
      if (result.isDone()) {
        result.get(); // a failed job throws here, with its cause
        throw new IllegalStateException("the job ended before its outputs reached " + Instant.ofEpochMilli(until));
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("no output watermark at " + Instant.ofEpochMilli(until) + " after "
            + TimeUnit.MILLISECONDS.toSeconds(STEP_TIMEOUT_MILLIS) + " s");
      }
    }
  }

  private static List<LoopRecord> sorted(Map<String, List<SpecificRecord>> byTopic) {
    List<LoopRecord> all = new ArrayList<>();
    byTopic.forEach((topic, records) -> records.forEach(r -> all.add(new LoopRecord(topic, PipelineRun.eventTime(r), r))));
    all.sort(LoopRecord.CANONICAL);
    return all;
  }
}
