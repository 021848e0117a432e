package dev.solvent.risk.book;

import dev.solvent.risk.account.MarginAssessment;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.ledger.AccountLedger;
import dev.solvent.risk.ledger.AssetAmount;
import dev.solvent.risk.lending.LendingStatus;

/** A lending account's health for the auction stage: its largest collateral and largest debt by value. */
final class LendingStatuses {

  private LendingStatuses() {}

  static LendingStatus of(AccountLedger books, MarginAssessment a, Valuation valuation, long time) {
    AssetAmount collateral = largest(books.collateral(), valuation);
    AssetAmount debt = largest(books.debt(), valuation);
    double collateralPrice = collateral == null ? 0 : price(collateral.asset(), valuation);
    double debtPrice = debt == null ? 0 : price(debt.asset(), valuation);
    double total = 0;
    for (AssetAmount c : books.collateral()) {
      total += c.amount().doubleValue() * price(c.asset(), valuation);
    }
    CollateralAsset asset = collateral == null ? null
        : (CollateralAsset) valuation.instruments.get(collateral.asset());
    return new LendingStatus(books.accountId(), time, a.marginRatio(),
        collateral == null ? "" : collateral.asset(), collateral == null ? 0 : collateral.amount().doubleValue(),
        collateralPrice, debt == null ? "" : debt.asset(), debt == null ? 0 : debt.amount().doubleValue(), debtPrice,
        total, asset == null ? 0 : asset.liquidationBonus(), asset == null ? 0 : asset.protocolFeeRate());
  }

  private static AssetAmount largest(AssetAmount[] amounts, Valuation valuation) {
    AssetAmount best = null;
    double bestValue = -1;
    for (AssetAmount a : amounts) {
      double value = a.amount().doubleValue() * price(a.asset(), valuation);
      if (value > bestValue) {
        best = a;
        bestValue = value;
      }
    }
    return best;
  }

  private static double price(String asset, Valuation valuation) {
    return valuation.market.riskArray(asset).markValue();
  }
}
