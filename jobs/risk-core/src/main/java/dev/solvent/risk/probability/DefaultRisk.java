package dev.solvent.risk.probability;

/**
 * How far an account is from liquidation and bankruptcy, in standard deviations of its equity over the horizon,
 * and the probability that its equity reaches zero within it. NaN distances and zero probability when the account
 * has no market exposure.
 *
 * @param equityVolatility standard deviation of the equity change over the horizon (quote currency)
 */
public record DefaultRisk(double equityVolatility, double liquidationDistanceSigma, double bankruptcyDistanceSigma,
    double probabilityOfDefault, double horizonYears) {

  public static DefaultRisk none(double horizonYears) {
    return new DefaultRisk(0, Double.NaN, Double.NaN, 0, horizonYears);
  }
}
