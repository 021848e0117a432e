package dev.solvent.schema;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.adl.AdlOrder;
import dev.solvent.avro.auction.AuctionEvent;
import dev.solvent.avro.bids.AuctionBid;
import dev.solvent.avro.bids.Bid;
import dev.solvent.avro.calls.MarginCall;
import dev.solvent.avro.crosses.LiquidationCross;
import dev.solvent.avro.deadletter.DeadLetter;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.insurance.LedgerEntry;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.avro.awards.RiskAuctionResult;
import dev.solvent.avro.offers.PortfolioOffer;
import dev.solvent.avro.pool.PoolEntry;
import dev.solvent.avro.riskbids.PortfolioBid;
import dev.solvent.avro.riskbids.RiskBid;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.avro.vols.MarketVol;
import dev.solvent.avro.vols.VolQuote;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** Every topic of the architecture, with its value type and key rule (see README "Topics"). */
public final class Topics {

  /** Key of heartbeat records: they are written per partition, not per business key. */
  public static final String HEARTBEAT_KEY_PREFIX = "__heartbeat__";

  public static final Topic<MarketTick> MARKET_TICKS = new Topic<>("market.ticks", MarketTick.class,
      t -> t.getPayload() instanceof Quote q ? q.getUnderlying() : heartbeatKey(t.getPayload()));
  public static final Topic<MarketVol> MARKET_VOLS = new Topic<>("market.vols", MarketVol.class,
      v -> v.getPayload() instanceof VolQuote q ? q.getUnderlying() : heartbeatKey(v.getPayload()));
  public static final Topic<InstrumentUpdate> INSTRUMENTS = new Topic<>("instruments", InstrumentUpdate.class,
      i -> i.getPayload() instanceof Instrument spec ? spec.getInstrumentId() : heartbeatKey(i.getPayload()));
  public static final Topic<AccountEvent> ACCOUNT_EVENTS = new Topic<>("account.events", AccountEvent.class,
      e -> accountIdOf(e.getPayload()).orElseGet(() -> heartbeatKey(e.getPayload())));
  public static final Topic<AuctionBid> AUCTION_BIDS = new Topic<>("auction.bids", AuctionBid.class,
      b -> b.getPayload() instanceof Bid bid ? bid.getAccountId() : heartbeatKey(b.getPayload()));
  public static final Topic<RiskBid> RISK_BIDS = new Topic<>("risk.bids", RiskBid.class,
      b -> b.getPayload() instanceof PortfolioBid bid ? bid.getProviderId() : heartbeatKey(b.getPayload()));
  public static final Topic<OraclePrice> ORACLE_PRICES =
      new Topic<>("oracle.prices", OraclePrice.class, OraclePrice::getUnderlying);
  public static final Topic<MarginUpdate> MARGIN_UPDATES =
      new Topic<>("margin.updates", MarginUpdate.class, MarginUpdate::getAccountId);
  public static final Topic<MarginCall> MARGIN_CALLS =
      new Topic<>("margin.calls", MarginCall.class, MarginCall::getAccountId);
  public static final Topic<LiquidationOrder> LIQUIDATION_ORDERS =
      new Topic<>("liquidation.orders", LiquidationOrder.class, LiquidationOrder::getAccountId);
  public static final Topic<LiquidationCross> LIQUIDATION_CROSSES =
      new Topic<>("liquidation.crosses", LiquidationCross.class, LiquidationCross::getInstrumentId);
  public static final Topic<AuctionEvent> AUCTION_EVENTS =
      new Topic<>("auction.events", AuctionEvent.class, AuctionEvent::getAccountId);
  public static final Topic<LedgerEntry> INSURANCE_LEDGER =
      new Topic<>("insurance.ledger", LedgerEntry.class, LedgerEntry::getFundId);
  public static final Topic<PoolEntry> INSURANCE_POOL =
      new Topic<>("insurance.pool", PoolEntry.class, PoolEntry::getPoolId);
  public static final Topic<PortfolioOffer> RISK_OFFERS =
      new Topic<>("risk.offers", PortfolioOffer.class, PortfolioOffer::getAccountId);
  public static final Topic<RiskAuctionResult> RISK_AWARDS =
      new Topic<>("risk.awards", RiskAuctionResult.class, RiskAuctionResult::getAccountId);
  public static final Topic<AdlOrder> ADL_ORDERS = new Topic<>("adl.orders", AdlOrder.class, AdlOrder::getInstrumentId);
  public static final Topic<DeadLetter> DEAD_LETTERS =
      new Topic<>("dead.letters", DeadLetter.class, DeadLetter::getSourceTopic);

  public static final List<Topic<?>> INPUTS =
      List.of(MARKET_TICKS, MARKET_VOLS, INSTRUMENTS, ACCOUNT_EVENTS, AUCTION_BIDS);
  /**
   * Inputs the job reads only with the mechanism they feed switched on (a topic the job reads must carry
   * heartbeats, or its watermark never moves): the backstop providers' bids of the risk auction.
   */
  public static final List<Topic<?>> OPTIONAL_INPUTS = List.of(RISK_BIDS);
  public static final List<Topic<?>> OUTPUTS = List.of(ORACLE_PRICES, MARGIN_UPDATES, MARGIN_CALLS,
      LIQUIDATION_ORDERS, AUCTION_EVENTS, INSURANCE_LEDGER, ADL_ORDERS, DEAD_LETTERS, LIQUIDATION_CROSSES,
      INSURANCE_POOL, RISK_OFFERS, RISK_AWARDS);
  public static final List<Topic<?>> ALL = concat(concat(INPUTS, OPTIONAL_INPUTS), OUTPUTS);

  private Topics() {}

  public static Topic<?> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown topic '" + name + "'; topics: " + names()));
  }

  public static List<String> names() {
    return ALL.stream().map(Topic::name).toList();
  }

  /** The account an account event belongs to; empty for heartbeats. Every business payload has an accountId. */
  public static Optional<String> accountIdOf(Object payload) {
    if (payload instanceof SpecificRecord record) {
      var field = record.getSchema().getField("accountId");
      if (field != null) {
        return Optional.of(record.get(field.pos()).toString());
      }
    }
    return Optional.empty();
  }

  private static String heartbeatKey(Object heartbeat) {
    return HEARTBEAT_KEY_PREFIX + ((SpecificRecord) heartbeat).get(0);
  }

  private static List<Topic<?>> concat(List<Topic<?>> a, List<Topic<?>> b) {
    var all = new java.util.ArrayList<Topic<?>>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
