package dev.solvent.harness.liquidators;

/** One liquidator's results: bids sent, auctions won, gas paid and profit net of gas, in the debt asset. */
public record LiquidatorStats(String name, long bids, long wins, double gasPaid, double profit) {

  LiquidatorStats bid() {
    return new LiquidatorStats(name, bids + 1, wins, gasPaid, profit);
  }

  LiquidatorStats paid(double gas) {
    return new LiquidatorStats(name, bids, wins, gasPaid + gas, profit - gas);
  }

  LiquidatorStats won(double gain) {
    return new LiquidatorStats(name, bids, wins + 1, gasPaid, profit + gain);
  }
}
