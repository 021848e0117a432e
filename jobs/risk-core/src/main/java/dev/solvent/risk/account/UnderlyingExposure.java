package dev.solvent.risk.account;

/**
 * The account's exposure to one underlying: Greeks summed over its positions and collateral, and for portfolio
 * margin the worst scenario.
 *
 * @param delta units of underlying; gamma, vega, theta and rho in {@link PositionRisk}'s units
 * @param deltaValue delta × spot, quote currency: the delta-equivalent the probability of default uses
 * @param worstScenario index of the worst scenario in the grid (portfolio margin; {@code ScenarioGrid.describe}),
 *     or −1
 * @param worstScenarioPnl that scenario's weighted P&L (≤ 0), or 0
 */
public record UnderlyingExposure(String underlying, double spot, double delta, double deltaValue, double gamma,
    double vega, double theta, double rho, int worstScenario, double worstScenarioPnl) {

  public static final int NO_SCENARIO = -1;
}
