package dev.solvent.harness.backstop;

import java.math.BigDecimal;

/**
 * A backstop liquidity provider of the risk auction: an account of its own, funded with its capital, that bids for
 * offered portfolios it can carry.
 *
 * @param accountId its account (opened and funded by {@link BackstopProviders} at the start of the run)
 * @param capital USD it deposits: its capital limit, which the engine enforces through its initial margin
 * @param appetite the most it risks on one portfolio, as a share of its capital: it does not bid when the portfolio's
 *     worst-scenario loss is larger
 * @param spread what it keeps for carrying the risk, as a share of the portfolio's notional
 * @param latencyMillis from an offer to its bid's arrival
 */
public record BackstopProvider(String accountId, BigDecimal capital, double appetite, double spread,
    long latencyMillis) {}
