package dev.solvent.risk.liquidation;

/**
 * A reduce-only order of a liquidation plan.
 *
 * @param side +1 buys (reduces a short), −1 sells (reduces a long)
 * @param quantity contracts, > 0, a whole number of lots (or the whole position)
 * @param limitPrice worst acceptable price: the bankruptcy price, never worse (NaN: none, an inverse short that
 *     equity outlasts at any price)
 * @param bankruptcyPrice price of this instrument at which the account's equity is zero, others unchanged
 * @param markPrice mark at planning, the price the plan assumes
 * @param penalty penalty charged if filled at the mark: rate × notional, capped so penalties never exceed the equity
 */
public record PlannedOrder(String instrumentId, int side, double quantity, double limitPrice, double bankruptcyPrice,
    double markPrice, double penalty) {}
