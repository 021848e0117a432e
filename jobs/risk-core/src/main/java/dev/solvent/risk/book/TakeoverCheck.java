package dev.solvent.risk.book;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginAssessment;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.Position;
import dev.solvent.risk.ledger.AccountLedger;
import dev.solvent.risk.ledger.Payoff;
import dev.solvent.risk.liquidation.LiquidationPolicy;
import dev.solvent.risk.money.Money;
import dev.solvent.risk.portfolio.RiskArray;
import java.math.BigDecimal;

/** What the risk auction asks of the account book: a provider's bid checked on its account, a portfolio's worst case. */
final class TakeoverCheck {

  private TakeoverCheck() {}

  /**
   * The provider's account as it would be after taking the portfolio over: its ledger with each offered position
   * opened at the mark it was offered at, and the portfolio's equity at those marks less the price in cash, valued
   * at today's market. The positions then count at today's marks, so the equity is the provider's now plus the
   * portfolio's now less the price, exactly; the margin is the model's of the combined book (offsets included).
   */
  static AccountOutput.BidAssessed assess(int event, AccountLedger provider, AccountEvent.BidPlaced bid,
      Market market, long time, LiquidationPolicy policy) {
    if (provider.mode() == MarginMode.LENDING || !Account.QUOTE.equals(provider.currency())) {
      return refused(event, bid, time, "provider " + provider.accountId() + " is not a USD margin account");
    }
    AccountLedger after = provider;
    for (AccountEvent.BidPosition p : bid.positions()) {
      PricedInstrument priced = market.priced(p.instrumentId());
      if (priced == null) {
        return refused(event, bid, time, "instrument " + p.instrumentId() + " has no price");
      }
      after = after.fill(p.instrumentId(), p.quantity(), p.markPrice(), priced.contractSize(),
          Payoff.of(priced.instrument()), BigDecimal.ZERO);
    }
    after = after.funding(bid.offerEquity().subtract(bid.price()));
    Valuation valuation = Valuation.of(after, market, time);
    if (valuation == null) {
      return refused(event, bid, time, "something the provider holds has no price");
    }
    MarginAssessment a = policy.decide(valuation.account, valuation.instruments, valuation.market).assessment();
    BigDecimal equity = valuation.exactEquity(after);
    BigDecimal initial = Money.requirement(a.initialMargin());
    boolean acceptable = equity.compareTo(initial) >= 0;
    return new AccountOutput.BidAssessed(event, bid, time, acceptable, equity, initial, acceptable ? null
        : "equity after the takeover " + equity.toPlainString() + " is below its initial margin "
            + initial.toPlainString());
  }

  private static AccountOutput.BidAssessed refused(int event, AccountEvent.BidPlaced bid, long time,
      String reason) {
    return new AccountOutput.BidAssessed(event, bid, time, false, null, null, reason);
  }

  /** The portfolio's P&L in the worst scenario of its risk arrays (spot and vol shocks), per the arrays' weights. */
  static double worstScenario(Valuation valuation) {
    double worst = 0;
    int scenarios = -1;
    for (Position p : valuation.account.positions()) {
      scenarios = Math.max(scenarios, valuation.market.riskArray(p.instrumentId()).scenarios());
    }
    for (int s = 0; s < scenarios; s++) {
      double pnl = 0;
      for (Position p : valuation.account.positions()) {
        RiskArray array = valuation.market.riskArray(p.instrumentId());
        pnl += s < array.scenarios() ? p.quantity() * array.pnl(s) : 0;
      }
      worst = Math.min(worst, pnl);
    }
    return worst;
  }
}
