package dev.solvent.job.metrics;

import dev.solvent.avro.insurance.LedgerEntry;
import dev.solvent.avro.insurance.LedgerEntryKind;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * insurance.ledger, per fund: the balance after the latest entry, and the money that flowed by kind (penalty income,
 * deficit payouts, takeover gains and losses), and the shortfalls: deficits the fund could not cover (bad debt, handed
 * to auto-deleveraging).
 * A fund's series appear with its first entry after a (re)start.
 */
public final class FundMeter implements Meter<LedgerEntry> {

  private static final long serialVersionUID = 1L;
  private transient MetricGroup solvent;
  private transient Map<String, Fund> funds;

  private static final class Fund {
    double balance;
    final UsdCounter shortfall;
    final Map<LedgerEntryKind, UsdCounter> flows;

    Fund(MetricGroup group) {
      group.gauge("fund_balance_usd", () -> balance);
      shortfall = new UsdCounter(group.counter("fund_shortfall_usd"));
      flows = EnumCounters.registerUsd(group, "kind", LedgerEntryKind.class, "fund_flow_usd");
    }
  }

  @Override
  public void register(MetricGroup solvent) {
    this.solvent = solvent;
    funds = new HashMap<>();
  }

  @Override
  public void observe(LedgerEntry entry) {
    Fund fund = funds.computeIfAbsent(entry.getFundId(), id -> new Fund(solvent.addGroup("fund", id)));
    fund.balance = entry.getBalanceAfter().doubleValue();
    fund.flows.get(entry.getKind()).add(entry.getAmount());
    if (entry.getShortfall() != null) {
      fund.shortfall.add(entry.getShortfall());
    }
  }
}
