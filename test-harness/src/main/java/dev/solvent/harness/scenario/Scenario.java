package dev.solvent.harness.scenario;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.AccountOpened;
import dev.solvent.avro.account.Deposit;
import dev.solvent.avro.account.LiquidationFill;
import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.account.Trade;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentKind;
import dev.solvent.avro.instruments.MaintenanceBasis;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.instruments.MarginTier;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.avro.vols.MarketVol;
import dev.solvent.avro.vols.VolQuote;
import dev.solvent.job.io.JsonLinesFiles;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** A scripted input: records per topic, written as JSON Lines files one file per topic. */
public final class Scenario {

  public static final long T0 = 1_760_130_000_000L; // 2025-10-10T21:00:00Z

  private final Map<String, List<SpecificRecord>> records = new LinkedHashMap<>();
  private long sequence;

  public static BigDecimal d(String value) {
    return new BigDecimal(value).setScale(8);
  }

  public static Instant at(long millisAfterT0) {
    return Instant.ofEpochMilli(T0 + millisAfterT0);
  }

  public Scenario add(String topic, SpecificRecord record) {
    records.computeIfAbsent(topic, t -> new ArrayList<>()).add(record);
    return this;
  }

  public Scenario perpetual(long at, String id, String underlying, String maintenanceRate, int maxLeverage,
      String lot, String penaltyRate, String fund) {
    return perpetual(at, id, underlying, maintenanceRate, maxLeverage, lot, penaltyRate, fund, null);
  }

  /** A perpetual margined under a named convention (null: the spec leaves it out, which reads as MARK). */
  public Scenario perpetual(long at, String id, String underlying, String maintenanceRate, int maxLeverage,
      String lot, String penaltyRate, String fund, MaintenanceBasis basis) {
    return add("instruments", new InstrumentUpdate(at(at), Instrument.newBuilder()
        .setInstrumentId(id).setUnderlying(underlying).setKind(InstrumentKind.PERPETUAL)
        .setContractSize(d("1")).setLotSize(d(lot)).setExpiry(null).setStrike(null).setOptionType(null)
        .setMarginTiers(List.of(new MarginTier(d("0"), null, maxLeverage, d(maintenanceRate), d("0"))))
        .setMaintenanceBasis(basis)
        .setLiquidationPenaltyRate(d(penaltyRate)).setCollateralHaircut(null).setLiquidationThreshold(null)
        .setLiquidationBonus(null).setProtocolFeeRate(null).setInsuranceFundId(fund).build()));
  }

  /**
   * An inverse (coin-margined) perpetual: {@code contractSize} USD a contract, margin and P&L in the underlying coin,
   * one flat bracket.
   */
  public Scenario inversePerpetual(long at, String id, String underlying, String contractSize,
      String maintenanceRate, int maxLeverage, String lot, String penaltyRate, String fund) {
    return add("instruments", new InstrumentUpdate(at(at), Instrument.newBuilder()
        .setInstrumentId(id).setUnderlying(underlying).setKind(InstrumentKind.PERPETUAL)
        .setContractSize(d(contractSize)).setLotSize(d(lot)).setExpiry(null).setStrike(null).setOptionType(null)
        .setMarginTiers(List.of(new MarginTier(d("0"), null, maxLeverage, d(maintenanceRate), d("0"))))
        .setMaintenanceBasis(null).setSettlement(dev.solvent.avro.instruments.Settlement.COIN)
        .setLiquidationPenaltyRate(d(penaltyRate)).setCollateralHaircut(null).setLiquidationThreshold(null)
        .setLiquidationBonus(null).setProtocolFeeRate(null).setInsuranceFundId(fund).build()));
  }

  public Scenario option(long at, String id, String underlying, String type, String strike, long expiryAfterT0,
      String lot, String penaltyRate, String fund) {
    return add("instruments", new InstrumentUpdate(at(at), Instrument.newBuilder()
        .setInstrumentId(id).setUnderlying(underlying).setKind(InstrumentKind.OPTION)
        .setContractSize(d("1")).setLotSize(d(lot)).setExpiry(at(expiryAfterT0)).setStrike(d(strike))
        .setOptionType(dev.solvent.avro.instruments.OptionType.valueOf(type)).setMarginTiers(List.of())
        .setLiquidationPenaltyRate(d(penaltyRate)).setCollateralHaircut(null).setLiquidationThreshold(null)
        .setLiquidationBonus(null).setProtocolFeeRate(null).setInsuranceFundId(fund).build()));
  }

  public Scenario collateral(long at, String id, String threshold, String bonus, String fee) {
    return collateral(at, id, "0", threshold, bonus, fee);
  }

  /** A collateral asset counted at (1 − haircut) of its value in margin accounts. */
  public Scenario collateral(long at, String id, String haircut, String threshold, String bonus, String fee) {
    return add("instruments", new InstrumentUpdate(at(at), Instrument.newBuilder()
        .setInstrumentId(id).setUnderlying(id).setKind(InstrumentKind.SPOT_COLLATERAL)
        .setContractSize(d("1")).setLotSize(d("0.00000001")).setExpiry(null).setStrike(null).setOptionType(null)
        .setMarginTiers(List.of()).setLiquidationPenaltyRate(null).setCollateralHaircut(d(haircut))
        .setLiquidationThreshold(d(threshold)).setLiquidationBonus(d(bonus)).setProtocolFeeRate(d(fee))
        .setInsuranceFundId("none").build()));
  }

  public Scenario loan(long at, String id) {
    return add("instruments", new InstrumentUpdate(at(at), Instrument.newBuilder()
        .setInstrumentId(id).setUnderlying(id).setKind(InstrumentKind.LOAN)
        .setContractSize(d("1")).setLotSize(d("0.00000001")).setExpiry(null).setStrike(null).setOptionType(null)
        .setMarginTiers(List.of()).setLiquidationPenaltyRate(null).setCollateralHaircut(null)
        .setLiquidationThreshold(null).setLiquidationBonus(null).setProtocolFeeRate(null)
        .setInsuranceFundId("none").build()));
  }

  public Scenario borrow(long at, String account, String asset, String amount) {
    return event(at, new dev.solvent.avro.account.Borrow(account, asset, d(amount)));
  }

  public Scenario bid(long at, String account, String auctionId, String liquidator, String price, String debt) {
    return add("auction.bids", new dev.solvent.avro.bids.AuctionBid(at(at), new dev.solvent.avro.bids.Bid(account,
        auctionId, liquidator, d(price), d(debt), sequence++)));
  }

  /** A heartbeat on every input topic: each then has data, and its watermark reaches {@code at}. */
  public Scenario heartbeats(long at) {
    add("market.ticks", new MarketTick(at(at), new dev.solvent.avro.ticks.Heartbeat("test")));
    add("market.vols", new MarketVol(at(at), new dev.solvent.avro.vols.Heartbeat("test")));
    add("instruments", new InstrumentUpdate(at(at), new dev.solvent.avro.instruments.Heartbeat("test")));
    add("account.events", new AccountEvent(at(at), sequence++, new dev.solvent.avro.account.Heartbeat("test")));
    return add("auction.bids", new dev.solvent.avro.bids.AuctionBid(at(at), new dev.solvent.avro.bids.Heartbeat("test")));
  }

  public Scenario instrument(long at, Instrument spec) {
    return add("instruments", new InstrumentUpdate(at(at), spec));
  }

  public Scenario quote(long at, String underlying, String source, String price) {
    return quote(at, underlying, source, d(price), null, null);
  }

  /** A quote with the book depth within 2 % of mid the source reports (quote currency, each side). */
  public Scenario quote(long at, String underlying, String source, String price, String bidDepth2Pct,
      String askDepth2Pct) {
    return quote(at, underlying, source, d(price), d(bidDepth2Pct), d(askDepth2Pct));
  }

  private Scenario quote(long at, String underlying, String source, BigDecimal price,
      BigDecimal bidDepth2Pct, BigDecimal askDepth2Pct) {
    return add("market.ticks", new MarketTick(at(at), new Quote(underlying, source, price, sequence++, null, null,
        bidDepth2Pct, askDepth2Pct)));
  }

  /** The same price from each source at {@code at}. */
  public Scenario quotes(long at, String underlying, String price, String... sources) {
    for (String source : sources) {
      quote(at, underlying, source, price);
    }
    return this;
  }

  public Scenario vol(long at, String underlying, String instrumentId, double vol) {
    return add("market.vols", new MarketVol(at(at), new VolQuote(underlying, instrumentId, "test", vol)));
  }

  public Scenario event(long at, Object payload) {
    return add("account.events", new AccountEvent(at(at), sequence++, payload));
  }

  public Scenario open(long at, String account, MarginMode mode, String fund) {
    return open(at, account, mode, fund, null);
  }

  /** An account margined in {@code currency} (a coin, or null for the quote). */
  public Scenario open(long at, String account, MarginMode mode, String fund, String currency) {
    return event(at, new AccountOpened(account, mode, fund, currency));
  }

  public Scenario deposit(long at, String account, String asset, String amount) {
    return event(at, new Deposit(account, asset, d(amount)));
  }

  public Scenario trade(long at, String account, String instrument, String quantity, String price) {
    return event(at, new Trade(account, instrument, "t" + sequence, d(quantity), d(price), d("0")));
  }

  public Scenario liquidationFill(long at, String account, String instrument, String orderId, String quantity,
      String price) {
    return event(at, new LiquidationFill(account, instrument, orderId, d(quantity), d(price), d("0")));
  }

  /** A backstop provider's sealed bid for an offered portfolio of one position (risk.bids). */
  public Scenario riskBid(long at, String provider, String offerId, String price, String offerEquity,
      String instrument, String quantity, String markPrice) {
    return add("risk.bids", new dev.solvent.avro.riskbids.RiskBid(at(at), new dev.solvent.avro.riskbids.PortfolioBid(
        offerId, provider, d(price), d(offerEquity), List.of(new dev.solvent.avro.riskbids.BidPosition(instrument,
            d(quantity), d(markPrice))), sequence++)));
  }

  /** Puts a topic's records in event-time order (stable), for records added after later ones. */
  public Scenario inTimeOrder(String topic) {
    records.getOrDefault(topic, new ArrayList<>()).sort(java.util.Comparator.comparingLong(
        dev.solvent.harness.run.PipelineRun::eventTime));
    return this;
  }

  public Map<String, List<SpecificRecord>> records() {
    return java.util.Collections.unmodifiableMap(records);
  }

  /** Writes one file per topic under {@code dir}; returns the files by topic for FileInputs. */
  public Map<String, List<Path>> write(Path dir) {
    Map<String, List<Path>> files = new LinkedHashMap<>();
    for (var entry : records.entrySet()) {
      Path file = dir.resolve(entry.getKey() + ".jsonl");
      JsonLinesFiles.write(file, (List) entry.getValue());
      files.put(entry.getKey(), List.of(file));
    }
    return files;
  }
}
