package dev.solvent.job;

import java.util.List;

/**
 * The stages of the job graph of docs/architecture.md, in topological order. Each stateful stage's {@link #uid()}
 * is the operator UID that savepoints are keyed by: never change one without a state migration.
 */
public enum Stage {
  VALIDATE("validate", "(none)", List.of("market.ticks", "market.vols", "instruments", "account.events", "auction.bids"),
      List.of("dead.letters"), "decode, validate and route bad input to dead.letters; drop heartbeats after watermarks"),
  ORACLE("oracle", "underlying", List.of("market.ticks"), List.of("oracle.prices"),
      "median of live sources per window, outlier and staleness rules, modeled latency, deviation/heartbeat publishing, EWMA mark"),
  RISK_ARRAYS("risk-arrays", "underlying", List.of("oracle.prices", "market.vols", "instruments", "market.ticks (depth)"),
      List.of(), "per instrument per unit: mark, Greeks, scenario P&L vector, realized vol, book depth"),
  EXPOSURE("exposure", "instrument", List.of("risk arrays", "account.events (trades, fills)"), List.of(),
      "which accounts hold the instrument; one revalue trigger per holder at each of its revaluations"),
  ACCOUNT("account", "account", List.of("account.events", "revalue triggers", "risk arrays"),
      List.of("margin.updates", "margin.calls", "liquidation.orders"),
      "balances, positions, pending liquidation; event-time ordered; revalue once per timestamp; partial-liquidation planner"),
  AUCTION("auction", "account", List.of("health factor breaches", "auction.bids"), List.of("auction.events"),
      "lending mode: Dutch auction on event-time timers, first acceptable bid settles, reset on age or price"),
  INSURANCE_FUND("insurance-fund", "fund", List.of("settlements"), List.of("insurance.ledger"),
      "penalties in, deficits out, contiguous sequence; shortfall to ADL"),
  ADL("adl", "instrument", List.of("shortfalls", "position updates"), List.of("adl.orders"),
      "opposing profitable positions ranked by PnL% x effective leverage, reduced to cover the shortfall"),
  DEAD_LETTERS("dead-letters", "source topic", List.of("rejections of every stage"), List.of("dead.letters"),
      "one deterministic order of each topic's dead letters");

  private final String uid;
  private final String keyedBy;
  private final List<String> inputs;
  private final List<String> outputTopics;
  private final String does;

  Stage(String uid, String keyedBy, List<String> inputs, List<String> outputTopics, String does) {
    this.uid = uid;
    this.keyedBy = keyedBy;
    this.inputs = inputs;
    this.outputTopics = outputTopics;
    this.does = does;
  }

  public String uid() {
    return uid;
  }

  public String keyedBy() {
    return keyedBy;
  }

  public List<String> inputs() {
    return inputs;
  }

  public List<String> outputTopics() {
    return outputTopics;
  }

  public String does() {
    return does;
  }
}
