package dev.solvent.risk.account;

import dev.solvent.risk.instrument.Checks;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An account's holdings as the risk model sees them (doubles; the exact ledger lives with the operator).
 *
 * @param walletBalance quote-currency balance: deposits − withdrawals + realized P&L − fees (option premiums paid
 *     or received included); unrealized P&L of linear positions is not in it
 * @param collateral units of spot collateral assets by instrument id
 * @param debt units borrowed, by loan asset id (lending mode)
 */
public record Account(String accountId, MarginMode mode, double walletBalance, List<Position> positions,
    Map<String, Double> collateral, Map<String, Double> debt) {

  public Account {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(mode, "mode");
    Checks.finite("walletBalance", walletBalance);
    positions = List.copyOf(positions);
    collateral = new TreeMap<>(collateral);
    debt = new TreeMap<>(debt);
    collateral.forEach((asset, units) -> Checks.nonNegative("collateral " + asset, units));
    debt.forEach((asset, units) -> Checks.nonNegative("debt " + asset, units));
  }

  public static Account of(String accountId, MarginMode mode, double walletBalance, List<Position> positions) {
    return new Account(accountId, mode, walletBalance, positions, Map.of(), Map.of());
  }

  public Account withPositions(List<Position> newPositions) {
    return new Account(accountId, mode, walletBalance, newPositions, collateral, debt);
  }

  public Account withWalletBalance(double newBalance) {
    return new Account(accountId, mode, newBalance, positions, collateral, debt);
  }
}
