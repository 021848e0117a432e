package dev.solvent.risk.book;

import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarginStatus;
import dev.solvent.risk.account.UnderlyingExposure;
import dev.solvent.risk.adl.AdlPosition;
import dev.solvent.risk.lending.LendingStatus;
import dev.solvent.risk.liquidation.LiquidationKind;
import dev.solvent.risk.ledger.Payoff;
import java.math.BigDecimal;
import java.util.List;

/**
 * What one step of the account book tells the world, in the order it happened. Money is final here: rounded in the
 * venue's favour at the wire's scale, so whoever writes these records only copies fields.
 */
public sealed interface AccountOutput {

  /**
   * The account valued: emitted when the ratio moved more than the update step, the status changed, or the
   * heartbeat elapsed.
   *
   * @param marginRatio null when nothing is required (an infinite ratio)
   * @param currency what equity and margins are in: the account's currency
   */
  record MarginUpdated(String accountId, long time, long sequence, MarginMode mode, BigDecimal equity,
      BigDecimal initialMargin, BigDecimal maintenanceMargin, Double marginRatio, MarginStatus status,
      List<UnderlyingExposure> exposures, long oracleLagMillis, double probabilityOfDefault, String currency)
      implements AccountOutput {

    public MarginUpdated {
      exposures = List.copyOf(exposures);
    }
  }

  /** With a margin update under the warning level and at or above 1: the early warning. */
  record MarginCalled(String accountId, long time, double marginRatio, double warningLevel, BigDecimal equity,
      BigDecimal maintenanceMargin, Double liquidationDistanceSigma, Double bankruptcyDistanceSigma,
      double probabilityOfDefault, long horizonMillis, String currency) implements AccountOutput {}

  /**
   * A reduce-only order for the venue.
   *
   * @param side +1 buys (reduces a short), −1 sells (reduces a long)
   * @param marginRatio the ratio that triggered the plan (0 when infinite)
   * @param currency what the penalty is in: the contract's settlement currency, the account's but for a coin-settled
   *     contract of a USD account (prices are quote per unit of underlying)
   */
  record LiquidationOrdered(String orderId, String accountId, String instrumentId, long time, int side,
      BigDecimal quantity, BigDecimal limitPrice, BigDecimal bankruptcyPrice, BigDecimal markPrice, BigDecimal penalty,
      LiquidationKind kind, double marginRatio, double targetMarginRatio, int attempt, String currency)
      implements AccountOutput {}

  /**
   * A fill of a liquidation order settled against its bankruptcy price: a penalty for the fund, or a deficit it
   * pays; with the bankrupt position's side, price and size, for ADL should the fund fall short.
   */
  record FillSettled(String fundId, long time, String accountId, long sequence, String instrumentId, String orderId,
      BigDecimal penalty, BigDecimal deficit, int positionSide, double bankruptcyPrice, double markPrice,
      double contractSize, double lotSize, String currency, Payoff payoff) implements AccountOutput {}

  /** A position in profit (or a closed one, quantity 0) for the ADL ranking. */
  record AdlPositionReported(AdlPosition position) implements AccountOutput {}

  /** A lending account's health while it is underwater, and once more when it is no longer. */
  record LendingHealth(LendingStatus status) implements AccountOutput {}

  /**
   * An event the books cannot take; they stay as they were.
   *
   * @param event the event's index in the step's list
   */
  record EventRejected(int event, Rejection reason, String detail) implements AccountOutput {}

  /**
   * The account fell under maintenance and is offered whole to the risk auction before any sale.
   *
   * @param closesAt the bids' deadline
   * @param equity at the offer's marks, exact (a taker gets it, less its price)
   * @param worstScenarioLoss the portfolio's loss in its risk arrays' worst scenario (>= 0)
   */
  record PortfolioOffered(String offerId, String accountId, long time, long closesAt, String currency,
      BigDecimal equity, BigDecimal initialMargin, BigDecimal maintenanceMargin, BigDecimal worstScenarioLoss,
      List<OfferedPosition> positions) implements AccountOutput {
    public PortfolioOffered {
      positions = List.copyOf(positions);
    }
  }

  /** One offered position and the order its takeover fills settle against. */
  record OfferedPosition(String orderId, String instrumentId, BigDecimal quantity, BigDecimal markPrice,
      BigDecimal contractSize, BigDecimal bankruptcyPrice) {}

  /**
   * A provider's bid checked on its own account: acceptable when its equity after the takeover (its equity now,
   * plus the portfolio's at today's marks, less the price) is at least its initial margin with the positions added.
   *
   * @param event the bid's index among the step's events
   * @param reason why not acceptable, or null
   */
  record BidAssessed(int event, AccountEvent.BidPlaced bid, long time, boolean acceptable, BigDecimal equityAfter,
      BigDecimal initialMarginAfter, String reason) implements AccountOutput {}
}
