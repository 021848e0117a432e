package dev.solvent.risk.pricing;

/**
 * Price and first-order sensitivities of one option per unit of underlying, in the model's own units (a desk's
 * conventions divide: vega by 100 for a vol point, theta by 365 for a day, rho by 100 for a rate point):
 *
 * @param price quote currency per unit of underlying
 * @param delta dimensionless: quote currency per 1.00 move of the forward (of spot for Black-Scholes)
 * @param gamma change of delta per 1.00 move of the forward (or spot)
 * @param vega quote currency per 1.00 (100 %) of annualized volatility
 * @param theta quote currency per year of calendar time, the change as time passes (negative for a long option)
 * @param rho quote currency per 1.00 (100 %) of the continuously compounded rate, forward held fixed for Black-76,
 *     spot held fixed for Black-Scholes
 */
public record OptionGreeks(double price, double delta, double gamma, double vega, double theta, double rho) {}
