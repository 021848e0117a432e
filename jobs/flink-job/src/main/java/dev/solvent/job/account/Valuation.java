package dev.solvent.job.account;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.job.model.Instruments;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarketState;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.Contract;
import dev.solvent.risk.ledger.AccountLedger;
import dev.solvent.risk.ledger.AssetAmount;
import dev.solvent.risk.ledger.LedgerPosition;
import dev.solvent.risk.portfolio.RiskArray;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An account's ledger and the risk arrays it depends on, put together for the risk core: the core's account view,
 * the instruments and the market state. Empty when a held instrument has no price yet.
 */
final class Valuation {

  final Account account;
  final Map<String, dev.solvent.risk.instrument.Instrument> instruments;
  final MarketState market;
  final boolean stale;
  final long oldestSourceTime;

  private Valuation(Account account, Map<String, dev.solvent.risk.instrument.Instrument> instruments,
      MarketState market, boolean stale, long oldestSourceTime) {
    this.account = account;
    this.instruments = instruments;
    this.market = market;
    this.stale = stale;
    this.oldestSourceTime = oldestSourceTime;
  }

  /** Finds an instrument's set among the latest sets by underlying. */
  interface Sets {
    RiskArraySet forInstrument(String instrumentId) throws Exception;
  }

  static Valuation of(AccountLedger ledger, Sets sets, long now, InstrumentCache cache) throws Exception {
    Map<String, RiskArray> arrays = new LinkedHashMap<>();
    Map<String, dev.solvent.risk.instrument.Instrument> instruments = new HashMap<>();
    Map<String, UnderlyingConditions> conditions = new TreeMap<>();
    boolean stale = false;
    long oldest = Long.MAX_VALUE;
    for (String id : heldIds(ledger)) {
      RiskArraySet set = sets.forInstrument(id);
      if (set == null) {
        return null;
      }
      int at = indexOf(set, id);
      arrays.put(id, set.arrays()[at]);
      instruments.put(id, cache.core(set.specs()[at]));
      conditions.put(set.underlying(), set.conditions());
      stale |= set.stale();
      oldest = Math.min(oldest, set.sourceTime());
    }
    Account account = ledger.toRiskAccount(id -> size(instruments.get(id)),
        id -> instruments.get(id) instanceof LinearContract);
    return new Valuation(account, instruments, new MarketState(now, arrays, conditions), stale,
        oldest == Long.MAX_VALUE ? now : oldest);
  }

  /**
   * Equity in exact decimals where it is money: cash + Σ linear qty × contract size × mark (the oracle's decimal
   * mark) + collateral × mark × (1 − haircut); option premiums are model values, rounded down. The double equity of
   * the risk model decides; this one is reported, so a ledger that is exactly 268.8178 is printed as such.
   */
  static java.math.BigDecimal exactEquity(AccountLedger ledger, Valuation valuation) {
    java.math.BigDecimal equity = ledger.cash();
    for (LedgerPosition p : ledger.positions()) {
      var instrument = valuation.instruments.get(p.instrumentId());
      RiskArray array = valuation.market.riskArray(p.instrumentId());
      if (instrument instanceof LinearContract linear) {
        equity = equity.add(p.quantity().multiply(java.math.BigDecimal.valueOf(linear.contractSize()))
            .multiply(java.math.BigDecimal.valueOf(array.spot())));
      } else {
        equity = equity.add(dev.solvent.risk.money.Money.entitlement(p.quantity().doubleValue() * array.markValue()));
      }
    }
    for (AssetAmount c : ledger.collateral()) {
      var asset = (dev.solvent.risk.instrument.CollateralAsset) valuation.instruments.get(c.asset());
      equity = equity.add(c.amount().multiply(java.math.BigDecimal.valueOf(valuation.market.riskArray(c.asset()).spot()))
          .multiply(java.math.BigDecimal.ONE.subtract(java.math.BigDecimal.valueOf(asset.haircut()))));
    }
    return equity;
  }

  static Iterable<String> heldIds(AccountLedger ledger) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (LedgerPosition p : ledger.positions()) {
      ids.add(p.instrumentId());
    }
    for (AssetAmount a : ledger.collateral()) {
      ids.add(a.asset());
    }
    for (AssetAmount a : ledger.debt()) {
      ids.add(a.asset());
    }
    return ids;
  }

  static int indexOf(RiskArraySet set, String instrumentId) {
    for (int i = 0; i < set.specs().length; i++) {
      if (set.specs()[i].getInstrumentId().equals(instrumentId)) {
        return i;
      }
    }
    return -1;
  }

  static double size(dev.solvent.risk.instrument.Instrument instrument) {
    return instrument instanceof Contract contract ? contract.contractSize() : 1;
  }

  /**
   * Converted specs, reused while a spec is unchanged (conversion validates a whole margin schedule). Unchanged
   * means the same instance or the same Avro bytes: {@code Instrument.equals} cannot compare the nullable decimals
   * of margin tiers (Avro's generic comparison has no logical-type conversions and throws).
   */
  static final class InstrumentCache {
    private final Map<String, Instrument> specs = new HashMap<>();
    private final Map<String, byte[]> encoded = new HashMap<>();
    private final Map<String, dev.solvent.risk.instrument.Instrument> cores = new HashMap<>();

    dev.solvent.risk.instrument.Instrument core(Instrument spec) {
      String id = spec.getInstrumentId();
      if (spec == specs.get(id)) {
        return cores.get(id);
      }
      byte[] bytes = bytes(spec);
      if (!java.util.Arrays.equals(bytes, encoded.get(id))) {
        encoded.put(id, bytes);
        cores.put(id, Instruments.toCore(spec));
      }
      specs.put(id, spec);
      return cores.get(id);
    }

    private static byte[] bytes(Instrument spec) {
      try {
        java.nio.ByteBuffer buffer = Instrument.getEncoder().encode(spec);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot encode instrument " + spec.getInstrumentId(), e);
      }
    }
  }
}
