package dev.solvent.risk.book;

import dev.solvent.risk.account.MarginMode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What the venue's log says happened to an account: the only things that change its balances and positions. Amounts
 * are exact decimals as the venue booked them; quantities are signed contracts (negative sells).
 */
public sealed interface AccountEvent {

  String accountId();

  /** The event's place in the account log, which orders the events of one instant. */
  long sequence();

  /** @param currency what the account is margined in: {@code Account.QUOTE}, or a coin */
  record Opened(String accountId, long sequence, MarginMode mode, String fundId, String currency)
      implements AccountEvent {
    public Opened {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(fundId, "fundId");
      Objects.requireNonNull(currency, "currency");
    }
  }

  /** Cash (the quote currency) or collateral units in. */
  record Deposit(String accountId, long sequence, String asset, BigDecimal amount) implements AccountEvent {}

  record Withdrawal(String accountId, long sequence, String asset, BigDecimal amount) implements AccountEvent {}

  record Borrow(String accountId, long sequence, String asset, BigDecimal amount) implements AccountEvent {}

  record Repay(String accountId, long sequence, String asset, BigDecimal amount) implements AccountEvent {}

  /** Funding paid (negative) or received, in cash. */
  record Funding(String accountId, long sequence, BigDecimal amount) implements AccountEvent {}

  /** A Dutch auction's liquidator repaid debt and took collateral. */
  record AuctionFill(String accountId, long sequence, String debtAsset, BigDecimal debtRepaid, String collateralAsset,
      BigDecimal collateralSeized) implements AccountEvent {}

  record Trade(String accountId, long sequence, String instrumentId, BigDecimal quantity, BigDecimal price,
      BigDecimal fee) implements AccountEvent {}

  /** A fill of one of the engine's liquidation orders. */
  record LiquidationFill(String accountId, long sequence, String instrumentId, String orderId, BigDecimal quantity,
      BigDecimal price, BigDecimal fee) implements AccountEvent {}

  /** A forced reduction at the bankrupt position's price (auto-deleveraging), without a fee. */
  record AdlFill(String accountId, long sequence, String instrumentId, BigDecimal quantity, BigDecimal price)
      implements AccountEvent {}

  /**
   * A backstop provider's sealed bid for an offered portfolio, on the provider's own account: the book checks the
   * provider would stay above initial margin after the takeover; it changes nothing until the venue books one.
   *
   * @param accountId the provider's account
   * @param price what the provider pays for the portfolio (negative: it is paid to take it)
   * @param offerEquity and {@code positions}: the offer as the provider read it
   */
  record BidPlaced(String accountId, long sequence, String offerId, BigDecimal price, BigDecimal offerEquity,
      List<BidPosition> positions) implements AccountEvent {
    public BidPlaced {
      positions = List.copyOf(positions);
    }
  }

  /** One position of the portfolio bid on: signed contracts and the mark they were offered at. */
  record BidPosition(String instrumentId, BigDecimal quantity, BigDecimal markPrice) {}
}
