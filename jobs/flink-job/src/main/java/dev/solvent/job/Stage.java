package dev.solvent.job;

import java.util.List;

/**
 * The stages of the job graph of docs/architecture.md, in topological order. A stage's {@link #id()} names its
 * operator (metrics, logs, the plan); its {@link #uid()} is what savepoints key its state by: the id, and from the
 * second state layout on the layout's number ({@code account-v3}). A new layout comes with a migration
 * (state-migrations/), and the new UID makes a savepoint of the old layout refuse to restore unmigrated instead of
 * failing deep inside a serializer.
 */
public enum Stage {
  VALIDATE("validate", 1, "(none)",
      List.of("market.ticks", "market.vols", "instruments", "account.events", "auction.bids", "risk.bids (optional)"),
      List.of("dead.letters"),
      "decode, validate and route bad input to dead.letters; drop heartbeats after watermarks"),
  ORACLE("oracle", 1, "underlying", List.of("market.ticks"), List.of("oracle.prices"),
      "median of live sources per window, outlier and staleness rules, modeled latency, deviation/heartbeat publishing, EWMA mark"),
  RISK_ARRAYS("risk-arrays", 2, "underlying",
      List.of("oracle.prices", "market.vols", "instruments", "market.ticks (depth)"), List.of(),
      "per instrument per unit: mark, Greeks, scenario P&L vector, realized vol, book depth"),
  ACCOUNT("account", 3, "account", List.of("account.events", "risk arrays (broadcast)"),
      List.of("margin.updates", "margin.calls", "liquidation.orders"),
      "the account book (risk core): exact ledger, one valuation per instant, margin updates, partial liquidation, escalation; a price revalues only the accounts whose safe band it left (trigger index)"),
  RISK_AUCTION("risk-auction", 1, "offer", List.of("portfolio offers", "bids judged by the providers' accounts"),
      List.of("risk.offers", "risk.awards"), "with liquidation.risk-auction=true: an account under maintenance offered "
          + "whole; at the close the best bid from a provider above initial margin after the takeover wins"),
  NETTING("netting", 1, "instrument", List.of("liquidation orders"), List.of("liquidation.crosses"),
      "with liquidation.netting=on: opposing orders of an instrument and instant crossed at the mark"),
  AUCTION("auction", 2, "account", List.of("lending health", "auction.bids"), List.of("auction.events"),
      "the auction book (risk core), lending mode: Dutch auctions stepped in event time, first acceptable bid settles"),
  INSURANCE_FUND("insurance-fund", 1, "fund", List.of("settlements"), List.of("insurance.ledger"),
      "penalties in, deficits out, contiguous sequence; shortfall to ADL (or, with insurance.pool=on, a USD fund's "
          + "to the pool, with a premium out of each penalty)"),
  INSURANCE_POOL("insurance-pool", 1, "pool", List.of("premiums and shortfalls of the USD funds", "pool deposits"),
      List.of("insurance.pool"), "with insurance.pool=on: premiums in, shortfalls covered within each fund's cap, "
          + "the rest to ADL"),
  ADL("adl", 2, "instrument", List.of("shortfalls", "position updates"), List.of("adl.orders"),
      "opposing profitable positions ranked by PnL% x effective leverage, reduced to cover the shortfall"),
  DEAD_LETTERS("dead-letters", 1, "source topic", List.of("rejections of every stage"), List.of("dead.letters"),
      "one deterministic order of each topic's dead letters");

  private final String id;
  private final int layout;
  private final String keyedBy;
  private final List<String> inputs;
  private final List<String> outputTopics;
  private final String does;

  Stage(String id, int layout, String keyedBy, List<String> inputs, List<String> outputTopics, String does) {
    this.id = id;
    this.layout = layout;
    this.keyedBy = keyedBy;
    this.inputs = inputs;
    this.outputTopics = outputTopics;
    this.does = does;
  }

  /** The operator's name. */
  public String id() {
    return id;
  }

  /** The state layout's number: 1 as released in v0.1, +1 with every migration. */
  public int layout() {
    return layout;
  }

  /** Whether the graph has the stage only when its configuration asks for it (a savepoint may lack it). */
  public boolean optional() {
    return this == NETTING || this == INSURANCE_POOL || this == RISK_AUCTION;
  }

  /** The operator's UID in savepoints. */
  public String uid() {
    return uid(layout);
  }

  /** The UID the stage had with state layout {@code version}. */
  public String uid(int version) {
    return version == 1 ? id : id + "-v" + version;
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
