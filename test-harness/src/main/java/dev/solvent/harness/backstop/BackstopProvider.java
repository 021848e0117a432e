package dev.solvent.harness.backstop;

import java.math.BigDecimal;

/**
 * A backstop liquidity provider of the risk auction: an account of its own, funded with its capital, that bids for
 * offered portfolios it can carry.
 *
 * @param accountId its account (opened and funded by {@link BackstopProviders} at the start of the run)
 * @param capital USD it deposits; the engine holds it to its initial margin after every takeover
 * @param leverage its capital limit: it takes over at most this many times its capital of notional in all
 * @param appetite the most it risks on one portfolio, as a share of its capital: it does not bid when the portfolio's
 *     worst-scenario loss is larger
 * @param worstShare how much of the worst-scenario loss it charges for (it hedges within minutes: it charges the
 *     share of the worst case it expects to carry until then)
 * @param spread what it keeps for carrying the risk, as a share of the portfolio's notional
 * @param latencyMillis from an offer to its bid's arrival
 */
public record BackstopProvider(String accountId, BigDecimal capital, double leverage, double appetite, double worstShare, double spread,
    long latencyMillis) {}
