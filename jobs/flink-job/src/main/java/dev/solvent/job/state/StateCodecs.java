package dev.solvent.job.state;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Every codec of the job by its name: a savepoint names codecs, and restoring one finds them here. A codec's name is
 * never reused for another kind of value.
 */
public final class StateCodecs {

  private static final Map<String, StateCodec<?>> BY_NAME = new ConcurrentHashMap<>();
  private static final String TEST_PREFIX = "test-";

  static {
    for (StateCodec<?> codec : List.of(AccountInputCodec.INSTANCE, SafeBandsCodec.INSTANCE,
        AccountStateCodec.INSTANCE, RiskArraySetCodec.INSTANCE, RiskArraySetCodec.Versions.INSTANCE,
        AuctionStateCodec.INSTANCE, AuctionStageInputCodec.INSTANCE,
        AdlStageInputCodec.INSTANCE,
        AdlStageInputCodec.Positions.INSTANCE, RiskArrayStageInputCodec.INSTANCE,
        RiskArrayStageInputCodec.MemoryCodec.INSTANCE, LiquidationOrderCodec.INSTANCE,
        RiskAuctionInputCodec.INSTANCE)) {
      if (BY_NAME.put(codec.name(), codec) != null) {
        throw new IllegalStateException("two state codecs are named " + codec.name());
      }
    }
  }

  private StateCodecs() {}

  @SuppressWarnings("unchecked")
  static <T> StateCodec<T> byName(String name) {
    StateCodec<?> codec = BY_NAME.get(name);
    if (codec == null) {
      throw new IllegalStateException("state written by a codec named '" + name + "', which this build does not have"
          + " (known: " + BY_NAME.keySet() + ")");
    }
    return (StateCodec<T>) codec;
  }

  public static List<StateCodec<?>> all() {
    return BY_NAME.values().stream().filter(c -> !c.name().startsWith(TEST_PREFIX)).toList();
  }

  /** Tests register codecs of their own under names starting with {@code test-}; the job never does. */
  static synchronized void register(StateCodec<?> codec) {
    if (!codec.name().startsWith(TEST_PREFIX)) {
      throw new IllegalArgumentException("only test codecs are registered at run time: " + codec.name());
    }
    BY_NAME.put(codec.name(), codec);
  }

  /** The type information of a codec's values. */
  public static <T> TypeInformation<T> type(StateCodec<T> codec) {
    return new CodecTypeInfo<>(codec);
  }
}
