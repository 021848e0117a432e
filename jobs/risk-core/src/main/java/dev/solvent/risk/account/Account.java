package dev.solvent.risk.account;

import dev.solvent.risk.instrument.Checks;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An account's holdings as the risk model sees them (doubles; the exact ledger lives with the operator).
 *
 * @param walletBalance balance in the account's currency: deposits − withdrawals + realized P&L − fees (option
 *     premiums paid or received included); unrealized P&L of linear and inverse positions is not in it
 * @param collateral units of spot collateral assets by instrument id; a coin's may be negative in a USD account whose
 *     coin-settled positions owe it (their fills move coin, README "Cross-currency")
 * @param debt units borrowed, by loan asset id (lending mode)
 * @param currency what the wallet, equity and margins are in: {@link #QUOTE} for a USD-margined account, or a coin
 *     (the underlying of the inverse contracts it holds) for a coin-margined one
 */
public record Account(String accountId, MarginMode mode, double walletBalance, List<Position> positions,
    Map<String, Double> collateral, Map<String, Double> debt, String currency) {

  /** The quote currency linear contracts and options settle in. */
  public static final String QUOTE = "USD";

  public Account {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(currency, "currency");
    Checks.finite("walletBalance", walletBalance);
    positions = List.copyOf(positions);
    collateral = new TreeMap<>(collateral);
    debt = new TreeMap<>(debt);
    collateral.forEach((asset, units) -> Checks.finite("collateral " + asset, units));
    debt.forEach((asset, units) -> Checks.nonNegative("debt " + asset, units));
  }

  /** A USD-margined account. */
  public Account(String accountId, MarginMode mode, double walletBalance, List<Position> positions,
      Map<String, Double> collateral, Map<String, Double> debt) {
    this(accountId, mode, walletBalance, positions, collateral, debt, QUOTE);
  }

  public static Account of(String accountId, MarginMode mode, double walletBalance, List<Position> positions) {
    return new Account(accountId, mode, walletBalance, positions, Map.of(), Map.of());
  }

  public Account withPositions(List<Position> newPositions) {
    return new Account(accountId, mode, walletBalance, newPositions, collateral, debt, currency);
  }

  public boolean coinMargined() {
    return !QUOTE.equals(currency);
  }

  public Account withWalletBalance(double newBalance) {
    return new Account(accountId, mode, newBalance, positions, collateral, debt, currency);
  }
}
