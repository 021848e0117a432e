package dev.solvent.risk.book;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.account.MarketState;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.Contract;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.ledger.AccountLedger;
import dev.solvent.risk.ledger.AssetAmount;
import dev.solvent.risk.ledger.LedgerPosition;
import dev.solvent.risk.ledger.Payoff;
import dev.solvent.risk.money.Money;
import dev.solvent.risk.portfolio.RiskArray;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An account's ledger and the pricing of everything it holds, put together for the margin model: the model's account
 * view, the instruments and the market state; whether any price is stale, and the oldest source observation behind
 * them (the valuation's oracle lag).
 */
final class Valuation {

  final Account account;
  final Map<String, Instrument> instruments;
  final MarketState market;
  final boolean stale;
  final long oldestSourceTime;

  private Valuation(Account account, Map<String, Instrument> instruments, MarketState market, boolean stale,
      long oldestSourceTime) {
    this.account = account;
    this.instruments = instruments;
    this.market = market;
    this.stale = stale;
    this.oldestSourceTime = oldestSourceTime;
  }

  /** Null when something held has no price yet: the account is valued once its first oracle price arrives. */
  static Valuation of(AccountLedger ledger, Market prices, long now) {
    Map<String, RiskArray> arrays = new LinkedHashMap<>();
    Map<String, Instrument> instruments = new HashMap<>();
    Map<String, UnderlyingConditions> conditions = new TreeMap<>();
    boolean stale = false;
    long oldest = Long.MAX_VALUE;
    for (String id : held(ledger, prices)) {
      PricedInstrument priced = prices.priced(id);
      if (priced == null) {
        return null;
      }
      arrays.put(id, priced.array());
      instruments.put(id, priced.instrument());
      conditions.put(priced.instrument().underlying(), priced.conditions());
      stale |= priced.stale();
      oldest = Math.min(oldest, priced.sourceTime());
    }
    Account account = ledger.toRiskAccount(id -> contractSize(instruments.get(id)),
        id -> Payoff.of(instruments.get(id)), id -> MarginCalculator.settlementCurrency(instruments.get(id)));
    return new Valuation(account, instruments, new MarketState(now, arrays, conditions), stale,
        oldest == Long.MAX_VALUE ? now : oldest);
  }

  /**
   * What the ledger holds, and the coin of every coin-settled position of a USD account (its balance may be exactly
   * zero, and the coin's haircut values the position).
   */
  private static List<String> held(AccountLedger ledger, Market prices) {
    List<String> held = ledger.heldInstruments();
    for (LedgerPosition p : ledger.positions()) {
      PricedInstrument priced = prices.priced(p.instrumentId());
      String settles = priced == null ? ledger.currency() : MarginCalculator.settlementCurrency(priced.instrument());
      if (!settles.equals(ledger.currency()) && !held.contains(settles)) {
        held.add(settles);
      }
    }
    return held;
  }

  /**
   * Equity in exact decimals where it is money: cash + Σ linear and inverse value(qty, mark) (the oracle's decimal
   * mark) + collateral × mark × (1 − haircut); option premiums are model values, rounded down. A coin a USD account
   * holds coin-settled positions in counts net (its units and those positions' value, at the index: an inverse
   * contract's is −qty × size USD exactly) and is haircut only when positive (README "Cross-currency"). The double
   * equity of the risk model decides; this one is reported, so a ledger that is exactly 268.8178 is printed as such.
   */
  BigDecimal exactEquity(AccountLedger ledger) {
    BigDecimal equity = ledger.cash();
    Map<String, BigDecimal> coinsAtIndex = new TreeMap<>();
    for (AssetAmount c : ledger.collateral()) {
      coinsAtIndex.put(c.asset(), c.amount().multiply(BigDecimal.valueOf(market.riskArray(c.asset()).spot())));
    }
    for (LedgerPosition p : ledger.positions()) {
      RiskArray array = market.riskArray(p.instrumentId());
      Instrument instrument = instruments.get(p.instrumentId());
      Payoff payoff = Payoff.of(instrument);
      BigDecimal size = BigDecimal.valueOf(contractSize(instrument));
      String settles = MarginCalculator.settlementCurrency(instrument);
      if (!settles.equals(ledger.currency())) {
        BigDecimal atIndex = payoff == Payoff.INVERSE ? p.quantity().multiply(size).negate()
            : Money.entitlement(p.quantity().doubleValue() * array.markValue() * array.spot());
        coinsAtIndex.merge(settles, atIndex, BigDecimal::add);
      } else if (payoff != Payoff.PREMIUM) {
        equity = equity.add(payoff.value(p.quantity(), BigDecimal.valueOf(array.spot()), size));
      } else {
        equity = equity.add(Money.entitlement(p.quantity().doubleValue() * array.markValue()));
      }
    }
    for (var coin : coinsAtIndex.entrySet()) {
      CollateralAsset asset = (CollateralAsset) instruments.get(coin.getKey());
      BigDecimal net = coin.getValue();
      equity = equity.add(net.signum() < 0 ? net
          : net.multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(asset.haircut()))));
    }
    return equity;
  }

  /** The underlyings of everything held, in order. */
  List<String> underlyings() {
    List<String> held = new ArrayList<>();
    account.positions().stream().filter(p -> p.quantity() != 0).forEach(p -> held.add(p.instrumentId()));
    held.addAll(account.collateral().keySet());
    held.addAll(account.debt().keySet());
    return held.stream().map(id -> instruments.get(id).underlying()).distinct().sorted().toList();
  }

  /** What the ledger holds without a price yet. */
  static List<String> unpriced(AccountLedger ledger, Market prices) {
    return ledger.heldInstruments().stream().filter(id -> prices.priced(id) == null).distinct().sorted().toList();
  }

  /** The average entry price the risk model uses for a held position; 0 when flat or not held. */
  double entryPrice(AccountLedger ledger, String instrumentId) {
    LedgerPosition p = ledger.position(instrumentId);
    Instrument instrument = instruments.get(instrumentId);
    return p == null || p.isFlat() ? 0 : p.entryPrice(contractSize(instrument), Payoff.of(instrument));
  }

  /** The position's size in the risk model's view (what the ledger holds, as a double), 0 when not held. */
  double heldQuantity(String instrumentId) {
    return account.positions().stream().filter(p -> p.instrumentId().equals(instrumentId))
        .mapToDouble(p -> Math.abs(p.quantity())).findFirst().orElse(0);
  }

  static double contractSize(Instrument instrument) {
    return instrument instanceof Contract contract ? contract.contractSize() : 1;
  }
}
