package dev.solvent.job.auction;

import static dev.solvent.job.Records.d;
import static dev.solvent.job.Records.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.auction.AuctionEvent;
import dev.solvent.avro.bids.AuctionBid;
import dev.solvent.avro.bids.Bid;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.ingest.SourceRef;
import dev.solvent.job.model.AuctionStageInput;
import dev.solvent.job.model.BidInput;
import dev.solvent.risk.lending.LendingStatus;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuctionFunctionTest {

  private KeyedOneInputStreamOperatorTestHarness<String, AuctionStageInput, AuctionEvent> h;

  @BeforeEach
  void setUp() throws Exception {
    h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new AuctionFunction(SolventConfig.defaults()),
        AuctionStageInput::accountId, Types.STRING);
  }

  private void status(long at, double healthFactor) throws Exception {
    h.processElement(new AuctionStageInput.Health(new LendingStatus("b", at, healthFactor, "ETH", 5, 2_000, "USDC",
        9_000, 1, 10_000, 0.05, 0.1)), at);
  }

  private void bid(long at, String liquidator, String price) throws Exception {
    h.processElement(new BidInput(new AuctionBid(Instant.ofEpochMilli(at),
        new Bid("b", "b/1", liquidator, d(price), d("4000"), 0L)), new SourceRef("auction.bids", 0, at)), at);
  }

  @Test
  void stepsOnTimersAndSettlesWithTheFirstBidAtOrAboveThePrice() throws Exception {
    status(1_000, 0.9);
    h.processWatermark(1_000);
    assertThat(h.numEventTimeTimers()).as("the first price step").isEqualTo(1);
    h.processWatermark(11_000);
    bid(12_000, "low", "2000");   // 2,100 × 0.99² = 2,058.21 > 2,000: refused
    bid(12_000, "high", "2060");  // accepted
    h.processWatermark(12_000);

    assertThat(values(h.getOutput())).extracting(e -> ((AuctionEvent) e).getKind() + "@"
        + ((AuctionEvent) e).getEventTime().toEpochMilli()).containsExactly("STARTED@1000", "PRICE_STEP@6000",
            "PRICE_STEP@11000", "SETTLED@12000");
    AuctionEvent settled = (AuctionEvent) values(h.getOutput()).get(3);
    assertThat(settled.getLiquidator()).isEqualTo("high");
    assertThat(settled.getDebtRepaid()).isEqualTo(d("4000"));
    assertThat(h.numEventTimeTimers()).as("a settled auction's next step (16 s) is deleted").isZero();
    h.processWatermark(60_000);
    assertThat(values(h.getOutput())).hasSize(4);
    assertThat(h.numKeyedStateEntries()).as("the settled auction, waiting for its fill").isEqualTo(1);
  }

  @Test
  void isCancelledWhenTheAccountIsHealthyAgain() throws Exception {
    status(1_000, 0.9);
    status(3_000, 1.2);
    h.processWatermark(3_000);
    assertThat(values(h.getOutput())).extracting(e -> ((AuctionEvent) e).getKind().name())
        .containsExactly("STARTED", "CANCELLED");
    assertThat(h.numEventTimeTimers()).as("the cancelled auction's next step (6 s) is deleted").isZero();
    h.processWatermark(60_000);
    assertThat(values(h.getOutput())).hasSize(2);
    assertThat(h.numKeyedStateEntries()).as("only the account's auction count").isEqualTo(1);
  }

  @Test
  void aBidForAnAccountNeverAuctionedIsADeadLetter() throws Exception {
    bid(1_000, "early", "2000");
    h.processWatermark(1_000);
    assertThat(values(h.getSideOutput(AuctionFunction.REJECTED))).hasSize(1);
    assertThat(h.numKeyedStateEntries()).as("an account never auctioned keeps nothing").isZero();
    assertThat(h.numEventTimeTimers()).isZero();
  }
}
