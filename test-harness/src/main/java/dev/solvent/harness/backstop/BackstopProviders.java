package dev.solvent.harness.backstop;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.AccountOpened;
import dev.solvent.avro.account.Deposit;
import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.awards.RiskAuctionResult;
import dev.solvent.avro.offers.OfferedPosition;
import dev.solvent.avro.offers.PortfolioOffer;
import dev.solvent.avro.riskbids.BidPosition;
import dev.solvent.avro.riskbids.PortfolioBid;
import dev.solvent.avro.riskbids.RiskBid;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.harness.loop.Participant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk auction's other side in the closed loop: registered backstop providers that open and fund their accounts
 * at the start, read {@code risk.offers}, and bid on {@code risk.bids} for what they can carry. Pricing rule: the
 * portfolio's equity less the provider's share of its worst-scenario loss on the risk arrays, less its spread on the
 * notional (negative when that is more than the equity: the provider must be paid to take it). A provider skips a
 * portfolio whose worst case exceeds its appetite, that would take it past its capital limit (the notional of what
 * it has won, counted from risk.awards), or whose bid could not arrive before the close.
 */
public final class BackstopProviders implements Participant {

  private final List<BackstopProvider> providers;
  private final String fund;
  private final Map<String, BigDecimal> takenOver = new HashMap<>();
  private final Map<String, BigDecimal> offeredNotional = new HashMap<>();
  private boolean opened;
  private long sequence;

  /** @param fund the insurance fund the providers' own accounts belong to */
  public BackstopProviders(List<BackstopProvider> providers, String fund) {
    this.providers = List.copyOf(providers);
    this.fund = fund;
  }

  @Override
  public List<LoopRecord> step(long until, List<LoopRecord> inputs, List<LoopRecord> outputs) {
    List<LoopRecord> answers = new ArrayList<>();
    if (until == Long.MAX_VALUE) {
      return answers;
    }
    if (!opened) {
      Instant at = Instant.ofEpochMilli(until + 1);
      for (BackstopProvider p : providers) {
        answers.add(new LoopRecord("account.events", until + 1, new AccountEvent(at, 0L,
            new AccountOpened(p.accountId(), MarginMode.CROSS, fund, null))));
        answers.add(new LoopRecord("account.events", until + 1, new AccountEvent(at, 0L,
            new Deposit(p.accountId(), "USD", p.capital().setScale(8)))));
      }
      opened = true;
    }
    for (LoopRecord out : outputs) {
      if (out.record() instanceof RiskAuctionResult result && result.getProviderId() != null) {
        takenOver.merge(result.getProviderId(), offeredNotional.getOrDefault(result.getOfferId(), BigDecimal.ZERO),
            BigDecimal::add);
      }
    }
    for (LoopRecord out : outputs) {
      if (out.record() instanceof PortfolioOffer offer) {
        for (BackstopProvider p : providers) {
          bid(p, offer, until, answers);
        }
      }
    }
    return answers;
  }

  private void bid(BackstopProvider p, PortfolioOffer offer, long until, List<LoopRecord> answers) {
    if (offer.getAccountId().equals(p.accountId())) {
      return; // its own account, offered
    }
    long time = Math.max(offer.getEventTime().toEpochMilli() + p.latencyMillis(), until + 1);
    BigDecimal worst = offer.getWorstScenarioLoss();
    if (time > offer.getClosesAt().toEpochMilli()
        || worst.compareTo(p.capital().multiply(BigDecimal.valueOf(p.appetite()))) > 0) {
      return;
    }
    BigDecimal notional = BigDecimal.ZERO;
    List<BidPosition> echo = new ArrayList<>();
    for (OfferedPosition position : offer.getPositions()) {
      notional = notional.add(position.getQuantity().multiply(position.getMarkPrice())
          .multiply(position.getContractSize()).abs());
      echo.add(new BidPosition(position.getInstrumentId(), position.getQuantity(), position.getMarkPrice()));
    }
    offeredNotional.put(offer.getOfferId(), notional);
    BigDecimal limit = p.capital().multiply(BigDecimal.valueOf(p.leverage()));
    if (takenOver.getOrDefault(p.accountId(), BigDecimal.ZERO).add(notional).compareTo(limit) > 0) {
      return; // its capital limit: no more than leverage × capital of notional taken over in all
    }
    BigDecimal price = offer.getEquity().subtract(worst.multiply(BigDecimal.valueOf(p.worstShare())))
        .subtract(notional.multiply(BigDecimal.valueOf(p.spread()))).setScale(8, RoundingMode.FLOOR);
    answers.add(new LoopRecord("risk.bids", time, new RiskBid(Instant.ofEpochMilli(time), new PortfolioBid(
        offer.getOfferId(), p.accountId(), price, offer.getEquity(), echo, ++sequence))));
  }
}
