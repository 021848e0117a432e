package dev.solvent.risk.account;

import dev.solvent.risk.instrument.Checks;
import java.util.Objects;

/**
 * A holding of one instrument, as the risk model sees it.
 *
 * @param quantity signed contracts: positive long, negative short
 * @param entryPrice average entry price per unit of underlying (option premium per unit for options)
 * @param isolatedMargin the position's own margin in ISOLATED mode; 0 otherwise
 */
public record Position(String instrumentId, double quantity, double entryPrice, double isolatedMargin) {

  public Position {
    Objects.requireNonNull(instrumentId, "instrumentId");
    Checks.finite("quantity", quantity);
    Checks.nonNegative("entryPrice", entryPrice);
    Checks.nonNegative("isolatedMargin", isolatedMargin);
  }

  public static Position of(String instrumentId, double quantity, double entryPrice) {
    return new Position(instrumentId, quantity, entryPrice, 0);
  }

  public int side() {
    return quantity >= 0 ? 1 : -1;
  }

  public Position withQuantity(double newQuantity) {
    return new Position(instrumentId, newQuantity, entryPrice, isolatedMargin);
  }
}
