package dev.solvent.risk.pricing;

/**
 * Price and first-order sensitivities of one option per unit of underlying. Units: price in quote currency;
 * delta dimensionless (per 1 of the forward, or of spot for Black-Scholes); gamma per 1 of price; vega per 1.00 of
 * volatility (divide by 100 for a vol point); theta per year of calendar time (divide by 365 for a day).
 */
public record OptionGreeks(double price, double delta, double gamma, double vega, double theta) {}
