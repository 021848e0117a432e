package dev.solvent.migrations;

import dev.solvent.job.Stage;
import dev.solvent.job.model.RiskArraySet;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;

/**
 * Carries a savepoint of an earlier release over to this build's state layout with Flink's State Processor API
 * ({@code ./solvent migrate-savepoint IN OUT}): every stage whose layout changed is read in its old layout, converted
 * and written in the new one under its new UID; every other operator (sources, sinks, validation, the oracle, the
 * fund, dead letters, metrics) is copied as it is. The job restores the result directly.
 */
public final class SavepointMigration {

  private SavepointMigration() {}

  /**
   * Migrates {@code in} into {@code out}, reporting each operator and state it rewrote to {@code report}.
   *
   * @return false when {@code in} already has the current layout (nothing is written)
   * @throws IllegalArgumentException for a savepoint of no layout this build knows
   */
  public static boolean migrate(String in, String out, PrintStream report) throws Exception {
    SavepointLayout layout = SavepointLayout.of(in);
    if (layout == SavepointLayout.CURRENT) {
      report.println(in + " already has this build's state layout: nothing to migrate");
      return false;
    }
    report.println(in + ": a savepoint of Solvent " + layout.name().replace('_', '.').toLowerCase()
        + "; migrating to this build's layout");
    Configuration batch = new Configuration();
    batch.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    List<Tuple2<String, RiskArraySet[]>> arrays = broadcastArrays(in, batch);
    Set<Long> pendingTicks = V01Exposure.pendingTicks(in, batch);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(batch);
    HashMapStateBackend backend = new HashMapStateBackend();
    SavepointReader reader = SavepointReader.read(env, in, backend);
    SavepointWriter writer = SavepointWriter.fromExistingSavepoint(env, in, backend);
    List<StageMigration> migrations = List.of(V01RiskArrays.migration(), V01Account.migration(arrays, pendingTicks),
        V01Adl.migration(), V01Auction.migration());
    writer.removeOperator(OperatorIdentifier.forUid(V01Exposure.UID));
    for (StageMigration m : migrations) {
      OperatorIdentifier from = OperatorIdentifier.forUid(m.stage().uid(m.fromLayout()));
      DataStream<KeyedImage> images = reader.readKeyedState(from, m.reader(), Types.STRING,
          TypeInformation.of(KeyedImage.class));
      writer.removeOperator(from).withOperator(OperatorIdentifier.forUid(m.stage().uid()),
          OperatorTransformation.bootstrapWith(images).keyBy(KeyedImage::key, Types.STRING)
              .transform((timestamp, path) -> SimpleOperatorFactory.of(new ImageWriter(timestamp, path,
                  m.writer()))));
    }
    writer.write(out);
    env.execute("solvent migrate-savepoint " + layout + " -> current");
    for (StageMigration m : migrations) {
      report.println("  operator " + m.stage().uid(m.fromLayout()) + " -> " + m.stage().uid() + ":");
      m.rewrites().forEach(r -> report.println("    " + r));
    }
    report.println("  operator " + V01Exposure.UID + " removed (the account stage keeps its own holders): its "
        + pendingTicks.size() + " buffered price ticks -> the account stage's unchecked prices");
    List<String> copied = new ArrayList<>();
    for (Stage stage : SavepointLayout.stateful()) {
      if (migrations.stream().noneMatch(m -> m.stage() == stage)) {
        copied.add(stage.uid());
      }
    }
    report.println("  copied as they are: " + String.join(", ", copied)
        + ", the sources, validation, watermark memory, metrics and sinks");
    report.println("written: " + out);
    return true;
  }

  /** The account stage's broadcast state (the same on every subtask), read first: every new subtask gets it. */
  private static List<Tuple2<String, RiskArraySet[]>> broadcastArrays(String in, Configuration batch)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(batch);
    SavepointReader reader = SavepointReader.read(env, in, new HashMapStateBackend());
    List<Tuple2<String, RiskArraySet[]>> arrays = new ArrayList<>();
    try (var it = reader.readBroadcastState(OperatorIdentifier.forUid(Stage.ACCOUNT.uid(1)),
        V01Account.V01_ARRAYS_STATE, Types.STRING, V01Account.V01_ARRAYS).executeAndCollect()) {
      it.forEachRemaining(arrays::add);
    }
    return arrays;
  }
}
