package dev.solvent.job.config;

import dev.solvent.job.io.Delivery;
import dev.solvent.risk.auction.CurveShape;
import dev.solvent.risk.liquidation.LiquidationMode;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every setting of the job in one typed place: a properties file plus {@code --key=value} overrides. Unknown keys and
 * invalid values fail at start-up with a message naming the key. README "Configuration" lists every key
 * ({@link #documentation()} generates that table).
 */
public final class SolventConfig implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Map<String, ConfigKey<?>> KEYS = new LinkedHashMap<>();

  // Inputs.
  public static final ConfigKey<Long> MAX_OUT_OF_ORDERNESS = register(ConfigKey.millis("input.max-out-of-orderness-ms",
      2_000, 0, "how far event time may go backwards within one partition; older records are dead-lettered as LATE"));
  public static final ConfigKey<Long> MAX_FUTURE = register(ConfigKey.millis("input.max-future-ms", 86_400_000, 1,
      "how far event time may jump ahead of a partition's latest; further records are dead-lettered as LATE"));
  public static final ConfigKey<Integer> MAX_VALUE_BYTES = register(ConfigKey.integer("input.max-value-bytes", 65_536,
      64, "largest accepted record value; larger ones are dead-lettered as OVERSIZED (and kept truncated to this)"));
  public static final ConfigKey<String> CASH_ASSET = register(ConfigKey.text("input.cash-asset", "USD",
      "the quote currency: deposits of this asset are cash, of any other asset collateral"));
  public static final ConfigKey<Long> IDLENESS = register(ConfigKey.millis("input.idleness-ms", 0, 0,
      "processing-time idleness timeout of a source partition; 0 (off) in replays: heartbeats advance time"));
  public static final ConfigKey<Long> WATERMARK_INTERVAL = register(ConfigKey.millis("input.watermark-interval-ms",
      200, 1, "how often sources emit watermarks between heartbeats (a heartbeat emits one at once)"));

  // Oracle.
  public static final ConfigKey<Long> ORACLE_WINDOW = register(ConfigKey.millis("oracle.window-ms", 1_000, 1,
      "event-time window in which the oracle takes each source's latest price"));
  public static final ConfigKey<Long> ORACLE_STALENESS = register(ConfigKey.millis("oracle.staleness-ms", 10_000, 1,
      "a source silent for longer is dropped as STALE"));
  public static final ConfigKey<Double> ORACLE_OUTLIER_BAND = register(ConfigKey.number("oracle.outlier-band", 0.05,
      0.0001, 1, "a source further than this fraction from the median is dropped as OUTLIER"));
  public static final ConfigKey<Integer> ORACLE_MIN_SOURCES = register(ConfigKey.integer("oracle.min-sources", 2, 1,
      "fewer live sources make the price stale: it then triggers no liquidation"));
  public static final ConfigKey<Long> ORACLE_LATENCY = register(ConfigKey.millis("oracle.latency-ms", 0, 0,
      "modeled delay between the window close and the price's publication"));
  public static final ConfigKey<Double> ORACLE_DEVIATION = register(ConfigKey.number("oracle.deviation-threshold",
      0.0005, 0, 1, "publish when the index moved more than this fraction since the last publication"));
  public static final ConfigKey<Long> ORACLE_HEARTBEAT = register(ConfigKey.millis("oracle.heartbeat-ms", 60_000, 1,
      "publish at least this often"));
  public static final ConfigKey<Long> ORACLE_MARK_HALF_LIFE = register(ConfigKey.millis("oracle.mark-half-life-ms",
      0, 0, "half-life of the EWMA that smooths the mark price from the index; 0: mark = index"));

  // Risk model.
  public static final ConfigKey<Double> WARNING_LEVEL = register(ConfigKey.number("risk.warning-level", 1.5, 1, 100,
      "margin calls under this margin ratio"));
  public static final ConfigKey<Double> TARGET_RATIO = register(ConfigKey.number("risk.target-ratio", 1.25, 1.0001,
      100, "the ratio a partial liquidation restores"));
  public static final ConfigKey<Boolean> DYNAMIC_MARGIN = register(ConfigKey.flag("risk.dynamic-margin", true,
      "volatility and liquidity add-ons on maintenance margin"));
  public static final ConfigKey<Boolean> LONG_OPTIONS_CAP = register(ConfigKey.flag("risk.long-options-cap", true,
      "portfolio margin of an underlying held only as long options is at most their value (false: v0.1's model)"));
  public static final ConfigKey<Double> REFERENCE_VOL = register(ConfigKey.number("risk.reference-vol", 0.6, 0.01,
      10, "realized volatility above which margin scales up"));
  public static final ConfigKey<Long> REALIZED_VOL_HALF_LIFE = register(ConfigKey.millis(
      "risk.realized-vol-half-life-ms", 3_600_000, 1, "half-life of the EWMA of squared oracle returns"));
  public static final ConfigKey<Double> RATE = register(ConfigKey.number("risk.rate", 0, -1, 1,
      "continuously compounded rate for discounting option payoffs"));
  public static final ConfigKey<Double> DEFAULT_VOL = register(ConfigKey.number("risk.default-implied-vol", 0.6, 0.01,
      10, "implied volatility of options before any market.vols observation"));
  public static final ConfigKey<Long> HORIZON = register(ConfigKey.millis("risk.liquidation-horizon-ms", 300_000, 1,
      "horizon of the probability of default carried by margin calls"));
  public static final ConfigKey<Boolean> TRIGGER_INDEX = register(ConfigKey.onOff("risk.trigger-index", true,
      "revalue on a new price only the accounts whose safe band it left (off: every holder; same outputs)"));

  // Account stage and liquidation.
  public static final ConfigKey<Double> UPDATE_STEP = register(ConfigKey.number("account.update-ratio-step", 0.05, 0,
      100, "emit margin.updates when the ratio moved by more than this (relative) since the last update"));
  public static final ConfigKey<Long> UPDATE_HEARTBEAT = register(ConfigKey.millis("account.update-heartbeat-ms",
      3_600_000, 1, "emit margin.updates at least this often for an account with risk"));
  public static final ConfigKey<Long> LIQUIDATION_TIMEOUT = register(ConfigKey.millis("liquidation.timeout-ms",
      30_000, 1, "an order not filled within this event time escalates: re-plan, then takeover"));
  public static final ConfigKey<Integer> MAX_REPLANS = register(ConfigKey.integer("liquidation.max-replans", 1, 0,
      "re-plans before an unfilled liquidation is handed to the insurance fund as a takeover"));
  public static final ConfigKey<LiquidationMode> LIQUIDATION_MODE = register(ConfigKey.choice("liquidation.mode",
      LiquidationMode.PARTIAL, "partial restores the target ratio; full closes every position"));
  public static final ConfigKey<Boolean> NETTING = register(ConfigKey.flag("liquidation.netting", false,
      "cross opposing liquidation orders of an instrument and instant at the mark before the market "
          + "(liquidation.crosses)"));

  // Risk auction of whole portfolios.
  public static final ConfigKey<Boolean> RISK_AUCTION = register(ConfigKey.flag("liquidation.risk-auction", false,
      "offer an account under maintenance whole to the backstop providers' sealed bids (risk.bids) before any sale"));
  public static final ConfigKey<Long> RISK_AUCTION_WINDOW = register(ConfigKey.millis(
      "liquidation.risk-auction.window-ms", 30_000, 1, "how long an offer takes bids, event time"));
  public static final ConfigKey<String> RISK_AUCTION_PROVIDERS = register(ConfigKey.text(
      "liquidation.risk-auction.providers", "backstop-1,backstop-2,backstop-3", "the registered backstop providers' "
          + "accounts, comma-separated: a bid from any other account is a dead letter"));
  public static final ConfigKey<Double> RISK_AUCTION_RESERVE = register(ConfigKey.number(
      "liquidation.risk-auction.reserve", 1, 0, 10, "the lowest acceptable bid is the portfolio's equity less this "
          + "many maintenance margins (the most a takeover costs the fund is then that much margin less the equity)"));
  public static final ConfigKey<Long> RISK_AUCTION_GRACE = register(ConfigKey.millis(
      "liquidation.risk-auction.grace-ms", 5_000, 0, "how long after the close the venue has to book a winner's "
          + "transfer before the account is liquidated as without an auction"));

  // Mutual insurance pool.
  public static final ConfigKey<Boolean> POOL = register(ConfigKey.flag("insurance.pool", false,
      "a pool shared by the USD insurance funds: premiums in from their penalties, their shortfalls drawn from it "
          + "before ADL (insurance.pool)"));
  public static final ConfigKey<Double> POOL_PREMIUM_SHARE = register(ConfigKey.number(
      "insurance.pool.premium-share", 0.2, 0, 1, "share of every penalty a fund earns that it pays into the pool"));
  public static final ConfigKey<java.math.BigDecimal> POOL_FUND_CAP = register(ConfigKey.amount(
      "insurance.pool.fund-cap", "100000", "the most one fund may draw from the pool over the run, USD"));

  // Lending auctions.
  public static final ConfigKey<CurveShape> AUCTION_CURVE = register(ConfigKey.choice("auction.curve",
      CurveShape.EXPONENTIAL, "price decay of Dutch auctions"));
  public static final ConfigKey<Long> AUCTION_STEP = register(ConfigKey.millis("auction.step-ms", 5_000, 1,
      "time between price steps"));
  public static final ConfigKey<Double> AUCTION_CUT = register(ConfigKey.number("auction.cut", 0.01, 0.0001, 0.5,
      "exponential curve: fraction cut at each step"));
  public static final ConfigKey<Long> AUCTION_DURATION = register(ConfigKey.millis("auction.duration-ms", 300_000, 1,
      "linear curve: time to decay to zero"));
  public static final ConfigKey<Double> AUCTION_START_PREMIUM = register(ConfigKey.number("auction.start-premium",
      0.05, 0, 1, "auctions start at oracle × (1 + premium)"));
  public static final ConfigKey<Long> AUCTION_MAX_AGE = register(ConfigKey.millis("auction.max-age-ms", 600_000, 1,
      "an auction older than this resets"));
  public static final ConfigKey<Double> AUCTION_MAX_DISCOUNT = register(ConfigKey.number("auction.max-discount", 0.3,
      0.001, 0.99, "an auction priced more than this fraction under the oracle resets"));
  public static final ConfigKey<Double> AUCTION_CANCEL_HEALTH_FACTOR = register(ConfigKey.number(
      "auction.cancel-health-factor", 1.02, 1, 10, "a running auction is cancelled once the health factor is back at "
      + "or above this"));

  // State.
  public static final ConfigKey<Long> RISK_ARRAY_RETENTION = register(ConfigKey.millis(
      "state.risk-array-retention-ms", 600_000, 1, "how long superseded risk arrays stay in broadcast state"));

  // Job.
  public static final ConfigKey<Integer> PARALLELISM = register(ConfigKey.integer("job.parallelism", 2, 1,
      "parallelism of every operator"));
  public static final ConfigKey<Long> CHECKPOINT_INTERVAL = register(ConfigKey.millis("checkpoint.interval-ms", 10_000,
      10, "checkpoint interval (RocksDB, incremental)"));
  public static final ConfigKey<String> CHECKPOINT_DIR = register(ConfigKey.text("checkpoint.dir",
      "file:///tmp/solvent/checkpoints", "where checkpoints go (on a cluster only when given: else the cluster's)"));
  public static final ConfigKey<Long> BUFFER_TIMEOUT = register(ConfigKey.millis("job.buffer-timeout-ms", 100, 0,
      "longest a record waits in a network buffer before it is sent on (0: at once; lower is faster, costs CPU)"));
  public static final ConfigKey<Delivery> OUTPUT_DELIVERY = register(ConfigKey.choice("output.delivery",
      Delivery.EXACTLY_ONCE, "exactly-once (transactions committed per checkpoint) or at-least-once (idempotent "
          + "producer, no transactions; consumers drop re-emitted records by identity: README \"Live\")"));
  public static final ConfigKey<String> KAFKA_BOOTSTRAP = register(ConfigKey.text("kafka.bootstrap-servers",
      "127.0.0.1:9092", "Kafka brokers"));
  public static final ConfigKey<String> KAFKA_CLIENT_PROPERTIES = register(new ConfigKey<>(
      "kafka.client-properties", "", raw -> raw, v -> true, "a file path, or empty", "a Kafka client properties file "
          + "of security settings (TLS, SASL; secrets through config providers: README \"Security\"); empty: "
          + "plaintext"));
  public static final ConfigKey<String> KAFKA_TRANSACTIONAL_ID_PREFIX = register(ConfigKey.text(
      "kafka.transactional-id-prefix", "solvent", "prefix of the sinks' transactional ids (one per job)"));
  public static final ConfigKey<String> KAFKA_START = register(new ConfigKey<>("kafka.start", "earliest", raw -> raw,
      v -> v.equals("earliest") || v.matches("timestamp:\\d+"), "earliest or timestamp:<epoch ms>",
      "where a new job starts reading the input topics"));
  public static final ConfigKey<String> KAFKA_GROUP_ID = register(ConfigKey.text("kafka.group-id", "solvent",
      "consumer group (offsets live in checkpoints; the group only reports progress)"));

  public static final ConfigKey<String> METRICS_PORT = register(new ConfigKey<>("metrics.port", "9249-9259",
      raw -> raw, v -> v.equals("off") || v.matches("\\d+(-\\d+)?"), "off, a port, or a range first-last",
      "Prometheus endpoint of an embedded run (first free port of a range; off: none); a cluster's is in its config"));

  private final Map<String, String> values;

  private SolventConfig(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    KEYS.values().forEach(key -> key.parse(raw(key)));
  }

  public static SolventConfig defaults() {
    return new SolventConfig(Map.of());
  }

  /** From a properties file (may be null) and {@code key=value} overrides, later ones winning. */
  public static SolventConfig load(Path file, List<String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    if (file != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
      }
      properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
    }
    for (String override : overrides) {
      int eq = override.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("override '" + override + "' is not key=value");
      }
      values.put(override.substring(0, eq).trim(), override.substring(eq + 1));
    }
    for (String key : values.keySet()) {
      if (!KEYS.containsKey(key)) {
        throw new InvalidConfigException(key, "unknown key (see README \"Configuration\")");
      }
    }
    return new SolventConfig(values);
  }

  public SolventConfig with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    if (!KEYS.containsKey(key)) {
      throw new InvalidConfigException(key, "unknown key");
    }
    return new SolventConfig(copy);
  }

  public <T> T get(ConfigKey<T> key) {
    return key.parse(raw(key));
  }

  /** Only the keys set explicitly, for reporting what differs from the defaults. */
  public Map<String, String> overrides() {
    return values;
  }

  public static List<ConfigKey<?>> keys() {
    return new ArrayList<>(KEYS.values());
  }

  /** The README table of every key. */
  public static String documentation() {
    StringBuilder table = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
    KEYS.values().forEach(k -> table.append("| `").append(k.name()).append("` | ").append(k.defaultValue())
        .append(" | ").append(k.doc()).append(" |\n"));
    return table.toString();
  }

  private String raw(ConfigKey<?> key) {
    return values.getOrDefault(key.name(), key.defaultValue());
  }

  private static <T> ConfigKey<T> register(ConfigKey<T> key) {
    KEYS.put(key.name(), key);
    return key;
  }
}
