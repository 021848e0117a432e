package dev.solvent.job.metrics;

import dev.solvent.avro.insurance.LedgerEntry;
import dev.solvent.avro.insurance.LedgerEntryKind;
import java.util.EnumMap;
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
    UsdCounter shortfall;
    final Map<LedgerEntryKind, UsdCounter> flows = new EnumMap<>(LedgerEntryKind.class);
  }

  @Override
  public void register(MetricGroup solvent) {
    this.solvent = solvent;
    funds = new HashMap<>();
  }

  @Override
  public void observe(LedgerEntry entry) {
    Fund fund = funds.computeIfAbsent(entry.getFundId(), this::fund);
    fund.balance = entry.getBalanceAfter().doubleValue();
    fund.flows.get(entry.getKind()).add(entry.getAmount());
    if (entry.getShortfall() != null) {
      fund.shortfall.add(entry.getShortfall());
    }
  }

  private Fund fund(String id) {
    Fund fund = new Fund();
    MetricGroup group = solvent.addGroup("fund", id);
    group.gauge("fund_balance_usd", () -> fund.balance);
    fund.shortfall = new UsdCounter(group.counter("fund_shortfall_usd"));
    for (LedgerEntryKind kind : LedgerEntryKind.values()) {
      fund.flows.put(kind, new UsdCounter(group.addGroup("kind", kind.name()).counter("fund_flow_usd")));
    }
    return fund;
  }
}
