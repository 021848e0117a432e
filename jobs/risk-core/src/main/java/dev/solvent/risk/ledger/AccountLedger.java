package dev.solvent.risk.ledger;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.Position;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One account's exact books, changed only by the venue's account events (README "Money").
 *
 * <p>Cash accounting: every fill moves {@code value(qty, price)} between cash and the position ({@link Payoff}: qty ×
 * price × contract size for linear contracts and options, −qty × contract size / price in the coin for inverse ones,
 * the one division, rounded at 1e-24), fees, penalties and funding move cash, and nothing else is rounded, so money
 * is conserved to the last digit: equity = cash + Σ value(qty, mark). Realized P&L is reported from the average
 * entry price, which is derived.
 * Immutable: every event returns a new ledger. Arrays are kept sorted by id so equal books are equal records.
 *
 * @param currency what cash and every amount are in: {@link Account#QUOTE} (also when null), or the coin of a
 *     coin-margined account
 * @param cash cash in the account's currency, exact
 * @param realizedPnl P&L realized by closing fills, against the average entry price (a report, to 34 significant digits)
 */
public record AccountLedger(String accountId, MarginMode mode, String fundId, String currency, BigDecimal cash,
    LedgerPosition[] positions, AssetAmount[] collateral, AssetAmount[] debt, BigDecimal realizedPnl,
    BigDecimal fees, BigDecimal penalties, BigDecimal deficitsCovered) {

  private static final MathContext REPORT = new MathContext(34, RoundingMode.HALF_EVEN);
  private static final int COST_SCALE = 24;

  public AccountLedger {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(fundId, "fundId");
    // A ledger restored from state written before the currency existed (Flink's record serializer leaves a new
    // component null) was in the quote.
    currency = currency == null ? Account.QUOTE : currency;
  }

  public static AccountLedger open(String accountId, MarginMode mode, String fundId, String currency) {
    return new AccountLedger(accountId, mode, fundId, currency, BigDecimal.ZERO, new LedgerPosition[0],
        new AssetAmount[0], new AssetAmount[0], BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
  }

  /** Cash in (the cash asset) or collateral units in. */
  public AccountLedger deposit(String asset, BigDecimal amount, String cashAsset) {
    return asset.equals(cashAsset) ? withCash(cash.add(amount))
        : with(positions, adjust(collateral, asset, amount), debt);
  }

  public AccountLedger withdraw(String asset, BigDecimal amount, String cashAsset) {
    return deposit(asset, amount.negate(), cashAsset);
  }

  public boolean coinMargined() {
    return !Account.QUOTE.equals(currency);
  }

  public AccountLedger borrow(String asset, BigDecimal amount) {
    return with(positions, collateral, adjust(debt, asset, amount));
  }

  public AccountLedger repay(String asset, BigDecimal amount) {
    return borrow(asset, amount.negate());
  }

  public AccountLedger funding(BigDecimal amount) {
    return withCash(cash.add(amount));
  }

  /** A fill of {@code quantity} (signed) at {@code price}, paying {@code fee}, in the account's currency. */
  public AccountLedger fill(String instrumentId, BigDecimal quantity, BigDecimal price, BigDecimal contractSize,
      Payoff payoff, BigDecimal fee) {
    return fill(instrumentId, quantity, price, contractSize, payoff, fee, currency);
  }

  /**
   * A fill whose amounts (and fee) are in {@code settlesIn}: the account's currency moves cash; a coin a USD account
   * holds coin-settled contracts in moves that coin's balance (README "Cross-currency"), which may go negative, and
   * stays out of the realized P&L and fee reports, which are in the account's currency.
   */
  public AccountLedger fill(String instrumentId, BigDecimal quantity, BigDecimal price, BigDecimal contractSize,
      Payoff payoff, BigDecimal fee, String settlesIn) {
    BigDecimal notional = payoff.value(quantity, price, contractSize);
    LedgerPosition before = position(instrumentId);
    BigDecimal oldQty = before == null ? BigDecimal.ZERO : before.quantity();
    BigDecimal oldCost = before == null ? BigDecimal.ZERO : before.cost();
    BigDecimal newQty = oldQty.add(quantity);
    BigDecimal newCost;
    BigDecimal realized = BigDecimal.ZERO;
    if (oldQty.signum() == 0 || oldQty.signum() == quantity.signum()) {
      newCost = oldCost.add(notional);
    } else {
      BigDecimal closed = quantity.abs().min(oldQty.abs());
      // Cost of the closed part at the average entry: oldCost × closed / |oldQty|.
      BigDecimal closedCost = oldCost.multiply(closed).divide(oldQty.abs(), COST_SCALE, RoundingMode.HALF_EVEN);
      BigDecimal closedProceeds = payoff.value(oldQty.signum() < 0 ? closed.negate() : closed, price, contractSize);
      realized = closedProceeds.subtract(closedCost);
      if (quantity.abs().compareTo(oldQty.abs()) <= 0) {
        newCost = oldCost.subtract(closedCost);
      } else {
        // Flipped: the remainder opens at this price.
        newCost = payoff.value(newQty, price, contractSize);
      }
    }
    if (newQty.signum() == 0) {
      newCost = BigDecimal.ZERO;
    }
    LedgerPosition[] updated = put(positions, new LedgerPosition(instrumentId, lean(newQty), lean(newCost)));
    if (!settlesIn.equals(currency)) {
      return new AccountLedger(accountId, mode, fundId, currency, cash, updated,
          adjust(collateral, settlesIn, notional.add(fee).negate()), debt, realizedPnl, fees, penalties,
          deficitsCovered);
    }
    return new AccountLedger(accountId, mode, fundId, currency, lean(cash.subtract(notional).subtract(fee)), updated,
        collateral, debt, lean(realizedPnl.add(realized, REPORT)), lean(fees.add(fee)), penalties, deficitsCovered);
  }

  public AccountLedger payPenalty(BigDecimal penalty) {
    return payPenalty(penalty, currency);
  }

  /** A penalty in {@code asset}: the account's currency, or the coin of a coin-settled position (its balance). */
  public AccountLedger payPenalty(BigDecimal penalty, String asset) {
    if (!asset.equals(currency)) {
      return with(positions, adjust(collateral, asset, penalty.negate()), debt);
    }
    return new AccountLedger(accountId, mode, fundId, currency, lean(cash.subtract(penalty)), positions, collateral,
        debt, realizedPnl, fees, lean(penalties.add(penalty)), deficitsCovered);
  }

  public AccountLedger coverDeficit(BigDecimal deficit) {
    return coverDeficit(deficit, currency);
  }

  /** A deficit the fund covers in {@code asset}, as for {@link #payPenalty(BigDecimal, String)}. */
  public AccountLedger coverDeficit(BigDecimal deficit, String asset) {
    if (!asset.equals(currency)) {
      return with(positions, adjust(collateral, asset, deficit), debt);
    }
    return new AccountLedger(accountId, mode, fundId, currency, lean(cash.add(deficit)), positions, collateral, debt,
        realizedPnl, fees, penalties, lean(deficitsCovered.add(deficit)));
  }

  /** A Dutch-auction liquidation: debt repaid by the liquidator, collateral seized. */
  public AccountLedger auctionFill(String debtAsset, BigDecimal debtRepaid, String collateralAsset,
      BigDecimal collateralSeized) {
    return with(positions, adjust(collateral, collateralAsset, collateralSeized.negate()),
        adjust(debt, debtAsset, debtRepaid.negate()));
  }

  public LedgerPosition position(String instrumentId) {
    for (LedgerPosition p : positions) {
      if (p.instrumentId().equals(instrumentId)) {
        return p;
      }
    }
    return null;
  }

  public BigDecimal collateral(String asset) {
    return amount(collateral, asset);
  }

  public BigDecimal debt(String asset) {
    return amount(debt, asset);
  }

  public boolean hasRisk() {
    return positions.length > 0 || debt.length > 0;
  }

  /** The ids of every position, collateral asset and debt held. */
  public List<String> heldInstruments() {
    List<String> ids = new ArrayList<>();
    for (LedgerPosition p : positions) {
      ids.add(p.instrumentId());
    }
    for (AssetAmount a : collateral) {
      ids.add(a.asset());
    }
    for (AssetAmount a : debt) {
      ids.add(a.asset());
    }
    return ids;
  }

  /**
   * The risk model's view: wallet balance = cash + cost of linear and inverse positions (so that wallet + unrealized
   * P&L = cash + Σ value(qty, mark)), entry prices from cost.
   *
   * @param contractSize contract size by instrument id
   * @param payoff payoff by instrument id
   */
  public Account toRiskAccount(ToDoubleFunction<String> contractSize, Function<String, Payoff> payoff) {
    return toRiskAccount(contractSize, payoff, id -> currency);
  }

  /**
   * As above, with the currency each position settles in: the cost of a coin-settled position of a USD account goes
   * with that coin's units instead of the wallet (README "Cross-currency").
   */
  public Account toRiskAccount(ToDoubleFunction<String> contractSize, Function<String, Payoff> payoff,
      Function<String, String> settlesIn) {
    double wallet = cash.doubleValue();
    List<Position> held = new ArrayList<>();
    Map<String, Double> collateralUnits = new java.util.TreeMap<>();
    for (AssetAmount a : collateral) {
      collateralUnits.put(a.asset(), a.amount().doubleValue());
    }
    for (LedgerPosition p : positions) {
      Payoff kind = payoff.apply(p.instrumentId());
      String settles = settlesIn.apply(p.instrumentId());
      if (kind.costInWallet() && settles.equals(currency)) {
        wallet += p.cost().doubleValue();
      } else if (kind.costInWallet()) {
        collateralUnits.merge(settles, p.cost().doubleValue(), Double::sum);
      }
      held.add(Position.of(p.instrumentId(), p.quantity().doubleValue(),
          p.entryPrice(contractSize.applyAsDouble(p.instrumentId()), kind)));
    }
    Map<String, Double> debtUnits = new java.util.TreeMap<>();
    for (AssetAmount a : debt) {
      debtUnits.put(a.asset(), a.amount().doubleValue());
    }
    MarginMode riskMode = mode == MarginMode.ISOLATED ? MarginMode.CROSS : mode;
    return new Account(accountId, riskMode, wallet, held, collateralUnits, debtUnits, currency);
  }

  private AccountLedger withCash(BigDecimal newCash) {
    return new AccountLedger(accountId, mode, fundId, currency, lean(newCash), positions, collateral, debt, realizedPnl,
        fees, penalties, deficitsCovered);
  }

  private AccountLedger with(LedgerPosition[] newPositions, AssetAmount[] newCollateral, AssetAmount[] newDebt) {
    return new AccountLedger(accountId, mode, fundId, currency, cash, newPositions, newCollateral, newDebt, realizedPnl,
        fees, penalties, deficitsCovered);
  }

  /**
   * The same number at its smallest scale: products of scale-8 prices, quantities and sizes have scale 24, which
   * makes every later sum, comparison and conversion slower without adding a digit.
   */
  private static BigDecimal lean(BigDecimal value) {
    return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
  }

  private static LedgerPosition[] put(LedgerPosition[] positions, LedgerPosition position) {
    List<LedgerPosition> list = new ArrayList<>();
    for (LedgerPosition p : positions) {
      if (!p.instrumentId().equals(position.instrumentId())) {
        list.add(p);
      }
    }
    if (!position.isFlat()) {
      list.add(position);
    }
    list.sort(Comparator.comparing(LedgerPosition::instrumentId));
    return list.toArray(LedgerPosition[]::new);
  }

  private static AssetAmount[] adjust(AssetAmount[] amounts, String asset, BigDecimal delta) {
    List<AssetAmount> list = new ArrayList<>();
    BigDecimal current = BigDecimal.ZERO;
    for (AssetAmount a : amounts) {
      if (a.asset().equals(asset)) {
        current = a.amount();
      } else {
        list.add(a);
      }
    }
    BigDecimal updated = lean(current.add(delta));
    if (updated.signum() != 0) {
      list.add(new AssetAmount(asset, updated));
    }
    list.sort(Comparator.comparing(AssetAmount::asset));
    return list.toArray(AssetAmount[]::new);
  }

  private static BigDecimal amount(AssetAmount[] amounts, String asset) {
    for (AssetAmount a : amounts) {
      if (a.asset().equals(asset)) {
        return a.amount();
      }
    }
    return BigDecimal.ZERO;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccountLedger l && accountId.equals(l.accountId) && mode == l.mode && fundId.equals(l.fundId)
        && currency.equals(l.currency)
        && cash.compareTo(l.cash) == 0 && Arrays.equals(positions, l.positions)
        && Arrays.equals(collateral, l.collateral) && Arrays.equals(debt, l.debt)
        && realizedPnl.compareTo(l.realizedPnl) == 0 && fees.compareTo(l.fees) == 0
        && penalties.compareTo(l.penalties) == 0 && deficitsCovered.compareTo(l.deficitsCovered) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(accountId, cash.stripTrailingZeros(), Arrays.hashCode(positions));
  }

  @Override
  public String toString() {
    return "AccountLedger[" + accountId + " " + mode + " " + currency + " cash=" + cash.toPlainString() + " positions="
        + Arrays.toString(positions) + " collateral=" + Arrays.toString(collateral) + " debt=" + Arrays.toString(debt)
        + "]";
  }
}
