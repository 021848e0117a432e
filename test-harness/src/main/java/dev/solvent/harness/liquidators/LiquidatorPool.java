package dev.solvent.harness.liquidators;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.AuctionFill;
import dev.solvent.avro.auction.AuctionEvent;
import dev.solvent.avro.auction.AuctionEventKind;
import dev.solvent.avro.bids.AuctionBid;
import dev.solvent.avro.bids.Bid;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.harness.loop.Participant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The liquidators of the lending mode, racing for the Dutch auctions. On every auction step each liquidator works
 * out its profit if it repaid the debt on offer at the step's price: the collateral it gets, less the protocol's
 * share of the bonus, valued at the oracle, minus the debt repaid and the gas of the moment. If that beats its
 * minimum it bids, and its bid arrives after its latency; the auction settles with the earliest acceptable bid, so
 * the fast and the cheap win (the MEV race). The winning transaction pays the gas of the moment it was sent; a
 * losing one, which finds the auction already settled, reset or cancelled, reverts at its first check and pays
 * {@link #REVERTED_GAS_SHARE} of it (a liquidation that succeeds spends some 300 to 400 thousand gas, one that
 * reverts on its opening check a few tens of thousands); so does a bid still in flight at the end. When an auction
 * settles, the protocol's {@code AuctionFill} for the borrower is sent to {@code account.events}.
 */
public final class LiquidatorPool implements Participant {

  /** The share of a transaction's gas a losing bid pays: it reverts at its first check. */
  public static final double REVERTED_GAS_SHARE = 0.1;

  /** A settled auction's price against the oracle: the discount the winner got. */
  public record Settled(long time, String auctionId, String liquidator, double discount) {}

  private record Bidding(String liquidator, double reserved, double gas) {}

  private final List<Liquidator> liquidators;
  private final GasMarket gas;
  private final Map<String, Double> available = new HashMap<>();
  private final Map<String, List<Bidding>> inFlight = new HashMap<>();
  private final Map<String, LiquidatorStats> stats = new LinkedHashMap<>();
  private final Map<String, Double> feeRates = new HashMap<>();
  private final List<Settled> settled = new ArrayList<>();
  private long sequence;

  public LiquidatorPool(List<Liquidator> liquidators, GasMarket gas) {
    this.liquidators = List.copyOf(liquidators);
    this.gas = gas;
    for (Liquidator l : liquidators) {
      available.put(l.name(), l.capital());
      stats.put(l.name(), new LiquidatorStats(l.name(), 0, 0, 0, 0));
    }
  }

  /** Results so far: bids still in flight are counted as reverted. */
  public List<LiquidatorStats> stats() {
    Map<String, LiquidatorStats> now = new LinkedHashMap<>(stats);
    inFlight.values().forEach(bids -> bids.forEach(b -> now.computeIfPresent(b.liquidator(),
        (n, s) -> s.paid(b.gas() * REVERTED_GAS_SHARE))));
    return List.copyOf(now.values());
  }

  public List<Settled> settled() {
    return List.copyOf(settled);
  }

  @Override
  public List<LoopRecord> step(long until, List<LoopRecord> inputs, List<LoopRecord> outputs) {
    for (LoopRecord in : inputs) {
      if (in.record() instanceof InstrumentUpdate u && u.getPayload() instanceof Instrument spec
          && spec.getProtocolFeeRate() != null) {
        feeRates.put(spec.getInstrumentId(), spec.getProtocolFeeRate().doubleValue());
      }
    }
    List<LoopRecord> answers = new ArrayList<>();
    for (LoopRecord out : outputs) {
      if (out.record() instanceof LiquidationOrder) {
        gas.congest(out.time());
      } else if (out.record() instanceof AuctionEvent event) {
        onAuction(event, out.time(), until, answers);
      }
    }
    return answers;
  }

  private void onAuction(AuctionEvent event, long time, long until, List<LoopRecord> answers) {
    AuctionEventKind kind = event.getKind();
    if (kind == AuctionEventKind.STARTED) {
      gas.congest(time);
    }
    if (kind == AuctionEventKind.SETTLED) {
      settle(event, time, until, answers);
    } else if (kind == AuctionEventKind.RESET || kind == AuctionEventKind.CANCELLED) {
      release(event.getAuctionId(), null);
    } else if (until != Long.MAX_VALUE) {
      bid(event, time, until, answers);
    }
  }

  private void bid(AuctionEvent event, long time, long until, List<LoopRecord> answers) {
    List<Bidding> bidding = inFlight.computeIfAbsent(event.getAuctionId(), a -> new ArrayList<>());
    double price = event.getAuctionPrice().doubleValue();
    double oracle = event.getOraclePrice().doubleValue();
    double feeRate = feeRates.getOrDefault(event.getCollateralAsset(), 0.0);
    double cost = gas.cost(time);
    for (Liquidator l : liquidators) {
      if (bidding.stream().anyMatch(b -> b.liquidator().equals(l.name())) || !(price > 0)) {
        continue;
      }
      double debt = Math.min(event.getDebtToCover().doubleValue(), available.get(l.name()));
      debt = Math.min(debt, event.getCollateralOffered().doubleValue() * price);
      if (debt <= 0) {
        continue;
      }
      double profit = gain(debt, price, oracle, feeRate) - cost;
      if (profit < l.minProfit()) {
        continue;
      }
      long arrival = Math.max(time + l.latencyMillis(), until + 1);
      BigDecimal repay = BigDecimal.valueOf(debt).setScale(8, RoundingMode.FLOOR);
      answers.add(new LoopRecord("auction.bids", arrival, new AuctionBid(Instant.ofEpochMilli(arrival),
          new Bid(event.getAccountId(), event.getAuctionId(), l.name(), event.getAuctionPrice(), repay, ++sequence))));
      available.merge(l.name(), -debt, Double::sum);
      bidding.add(new Bidding(l.name(), debt, cost));
      stats.computeIfPresent(l.name(), (n, s) -> s.bid());
    }
  }

  /** What repaying {@code debt} at {@code price} is worth at the oracle, after the protocol's share of the bonus. */
  private static double gain(double debt, double price, double oracle, double feeRate) {
    double seized = debt / price;
    double atOracle = debt / oracle;
    double fee = Math.max(0, seized - atOracle) * feeRate;
    return (seized - fee) * oracle - debt;
  }

  private void settle(AuctionEvent event, long time, long until, List<LoopRecord> answers) {
    String winner = event.getLiquidator();
    double oracle = event.getOraclePrice().doubleValue();
    double repaid = event.getDebtRepaid().doubleValue();
    double kept = event.getCollateralSeized().subtract(event.getProtocolFee()).doubleValue();
    double gain = kept * oracle - repaid;
    stats.computeIfPresent(winner, (n, s) -> s.won(gain));
    release(event.getAuctionId(), winner);
    available.computeIfPresent(winner, (n, a) -> a + gain); // the collateral is sold at the oracle at once
    settled.add(new Settled(time, event.getAuctionId(), winner,
        oracle > 0 ? 1 - event.getAuctionPrice().doubleValue() / oracle : 0));
    if (until != Long.MAX_VALUE) {
      long at = Math.max(time, until + 1);
      answers.add(new LoopRecord("account.events", at, new AccountEvent(Instant.ofEpochMilli(at), 0L,
          new AuctionFill(event.getAccountId(), event.getAuctionId(), winner, event.getDebtAsset(),
              event.getDebtRepaid(), event.getCollateralAsset(), event.getCollateralSeized(),
              event.getProtocolFee()))));
    }
  }

  /**
   * Frees every reservation on the auction (the winner sold what it seized for what it repaid, plus its gain) and
   * charges each bid its gas: the winner's in full, every other one reverted.
   *
   * @param winner the settling liquidator, or null when the auction reset or was cancelled
   */
  private void release(String auctionId, String winner) {
    for (Bidding b : inFlight.getOrDefault(auctionId, List.of())) {
      available.merge(b.liquidator(), b.reserved(), Double::sum);
      double gas = b.liquidator().equals(winner) ? b.gas() : b.gas() * REVERTED_GAS_SHARE;
      stats.computeIfPresent(b.liquidator(), (n, s) -> s.paid(gas));
    }
    inFlight.remove(auctionId);
  }
}
