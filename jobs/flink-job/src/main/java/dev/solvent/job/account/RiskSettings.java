package dev.solvent.job.account;

import dev.solvent.job.config.SolventConfig;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.auction.AuctionBook;
import dev.solvent.risk.auction.CurveShape;
import dev.solvent.risk.auction.DutchAuctionCurve;
import dev.solvent.risk.book.AccountBook;
import dev.solvent.risk.book.RiskAuction;
import dev.solvent.risk.margin.DynamicMargin;

/** The risk core's parameters and its state machines' settings from the job configuration. */
public final class RiskSettings {

  private RiskSettings() {}

  public static RiskParameters parameters(SolventConfig config) {
    RiskParameters d = RiskParameters.DEFAULT;
    DynamicMargin dynamic = new DynamicMargin(config.get(SolventConfig.DYNAMIC_MARGIN),
        config.get(SolventConfig.REFERENCE_VOL), d.dynamic().maxVolMultiplier(), d.dynamic().maxSlippage());
    return new RiskParameters(config.get(SolventConfig.WARNING_LEVEL), config.get(SolventConfig.TARGET_RATIO),
        d.optionMargin(), d.grid(), d.portfolio().withLongOptionsCap(config.get(SolventConfig.LONG_OPTIONS_CAP)),
        dynamic, d.lending(),
        config.get(SolventConfig.HORIZON) / (365.0 * 24 * 3600 * 1000), d.correlation());
  }

  public static AccountBook.Settings book(SolventConfig config) {
    return new AccountBook.Settings(config.get(SolventConfig.UPDATE_STEP), config.get(SolventConfig.UPDATE_HEARTBEAT),
        config.get(SolventConfig.LIQUIDATION_TIMEOUT), config.get(SolventConfig.MAX_REPLANS),
        config.get(SolventConfig.LIQUIDATION_MODE), config.get(SolventConfig.CASH_ASSET),
        config.get(SolventConfig.HORIZON), new RiskAuction(config.get(SolventConfig.RISK_AUCTION),
            config.get(SolventConfig.RISK_AUCTION_WINDOW), config.get(SolventConfig.RISK_AUCTION_GRACE)));
  }

  public static AuctionBook.Settings auctions(SolventConfig config) {
    long step = config.get(SolventConfig.AUCTION_STEP);
    DutchAuctionCurve curve = config.get(SolventConfig.AUCTION_CURVE) == CurveShape.LINEAR
        ? new DutchAuctionCurve.Linear(config.get(SolventConfig.AUCTION_DURATION), step)
        : new DutchAuctionCurve.Exponential(config.get(SolventConfig.AUCTION_CUT), step);
    return new AuctionBook.Settings(curve, config.get(SolventConfig.AUCTION_START_PREMIUM),
        config.get(SolventConfig.AUCTION_MAX_AGE), config.get(SolventConfig.AUCTION_MAX_DISCOUNT),
        config.get(SolventConfig.AUCTION_CANCEL_HEALTH_FACTOR));
  }
}
