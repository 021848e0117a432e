package dev.solvent.risk.account;

/**
 * One position valued: mark per unit (price, or premium for options), value and notional of the whole position,
 * position Greeks, its margin where the model attributes margin to positions (NaN in portfolio margin), and its
 * liquidation and bankruptcy prices (NaN where none exists or no closed form applies).
 */
public record PositionRisk(String instrumentId, double quantity, double markPrice, double value, double notional,
    double delta, double gamma, double vega, double theta, double initialMargin, double maintenanceMargin,
    double liquidationPrice, double bankruptcyPrice) {}
