package dev.solvent.migrations;

import dev.solvent.job.Stage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.runtime.SavepointLoader;

/**
 * The state layouts of Solvent's releases, told apart by the UIDs of their stages' operators (a stage's UID carries
 * its layout, {@link Stage#uid(int)}). A savepoint is of a layout when it holds the operators of all its stages.
 */
public enum SavepointLayout {

  /** The first release: every stage at layout 1, POJO state. */
  V0_1(stage -> 1),
  /** This build's layout: the stages' current layouts (account at 3; auction, ADL and risk arrays at 2). */
  CURRENT(stage -> Stage.values()[stage].layout());

  private final IntUnaryOperator layoutOf;

  SavepointLayout(IntUnaryOperator layoutOf) {
    this.layoutOf = layoutOf;
  }

  /** The UID of {@code stage}'s operator in this layout. */
  public String uid(Stage stage) {
    return stage.uid(layoutOf.applyAsInt(stage.ordinal()));
  }

  /** The layout of the savepoint (or retained checkpoint) at {@code path}; refuses one of no known layout. */
  public static SavepointLayout of(String path) throws IOException {
    CheckpointMetadata metadata;
    try {
      metadata = SavepointLoader.loadSavepointMetadata(path);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(path + " is not a readable Flink savepoint: " + e.getMessage(), e);
    }
    Set<OperatorID> present = metadata.getOperatorStates().stream().map(OperatorState::getOperatorID)
        .collect(Collectors.toSet());
    for (SavepointLayout layout : new SavepointLayout[] {CURRENT, V0_1}) {
      if (layout.missing(present).isEmpty()) {
        return layout;
      }
    }
    throw new IllegalArgumentException(path + " is not a savepoint of a Solvent release this build knows ("
        + metadata.getOperatorStates().size() + " operators): it lacks " + V0_1.missing(present) + " of v0.1 and "
        + CURRENT.missing(present) + " of the current layout");
  }

  /** The stage UIDs of this layout that {@code present} lacks. */
  private List<String> missing(Set<OperatorID> present) {
    List<String> missing = new ArrayList<>();
    for (Stage stage : stateful()) {
      if (!present.contains(OperatorIdentifier.forUid(uid(stage)).getOperatorId())) {
        missing.add(uid(stage));
      }
    }
    return missing;
  }

  /**
   * The stages with an operator of their own in every graph (validation runs in one operator per input topic; an
   * optional stage, such as netting, is in a savepoint only when its job had it on).
   */
  static List<Stage> stateful() {
    return Arrays.stream(Stage.values()).filter(s -> s != Stage.VALIDATE && !s.optional()).toList();
  }
}
