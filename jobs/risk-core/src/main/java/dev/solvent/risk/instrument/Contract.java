package dev.solvent.risk.instrument;

/**
 * A contract an account holds as a position (linear perpetuals and futures, options): what sizing, lots and
 * liquidation need of it whatever its payoff.
 */
public sealed interface Contract extends Instrument permits LinearContract, InverseContract, OptionContract {

  /** Units of underlying per contract. */
  double contractSize();

  /** Smallest quantity step, in contracts. */
  double lotSize();

  /** Liquidation penalty as a fraction of the liquidated notional at the mark. */
  double penaltyRate();

  /** The insurance fund that takes its liquidations' penalties and pays their deficits. */
  String fundId();

  /** The instrument as a position's contract; collateral and loan assets are never held as positions. */
  static Contract of(Instrument instrument) {
    if (instrument instanceof Contract contract) {
      return contract;
    }
    throw new IllegalArgumentException(instrument.id() + " cannot be held as a position");
  }
}
