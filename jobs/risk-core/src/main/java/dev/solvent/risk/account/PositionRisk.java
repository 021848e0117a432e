package dev.solvent.risk.account;

/**
 * One position valued: mark per unit (price, or premium for options), value and notional of the whole position,
 * position Greeks, its margin where the model attributes margin to positions (NaN in portfolio margin), and its
 * liquidation and bankruptcy prices (NaN where none exists or no closed form applies).
 *
 * <p>Greeks of the whole position, in the model's units ({@link dev.solvent.risk.pricing.OptionGreeks}): delta in
 * units of underlying (quote currency per 1.00 of the underlying's price), gamma per 1.00 of price, vega per 1.00 of
 * volatility, theta per year, rho per 1.00 of the rate (the forward held fixed: −T × value for an option, 0 for a
 * linear contract, whose mark is the index).
 */
public record PositionRisk(String instrumentId, double quantity, double markPrice, double value, double notional,
    double delta, double gamma, double vega, double theta, double rho, double initialMargin,
    double maintenanceMargin, double liquidationPrice, double bankruptcyPrice) {}
