package dev.solvent.job.model;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentKind;
import dev.solvent.avro.instruments.Settlement;
import dev.solvent.risk.account.Account;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.InverseContract;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.LoanAsset;
import dev.solvent.risk.instrument.OptionContract;
import dev.solvent.risk.margin.MaintenanceBasis;
import dev.solvent.risk.margin.MarginSchedule;
import dev.solvent.risk.margin.MarginTier;
import dev.solvent.risk.pricing.OptionType;
import java.math.BigDecimal;
import java.util.List;

/** The instruments topic's spec turned into the risk core's instrument (defaults as in README "Topics"). */
public final class Instruments {

  static final double DEFAULT_LINEAR_PENALTY = 0.01;
  static final double DEFAULT_OPTION_PENALTY = 0.005;

  private Instruments() {}

  /** Whether the spec is an inverse perpetual or future: settled in its coin, contract size in the quote. */
  public static boolean inverse(Instrument spec) {
    return spec.getSettlement() == Settlement.COIN && spec.getKind() != InstrumentKind.OPTION;
  }

  /** What the spec's contracts settle in: its underlying coin when COIN-settled, else the quote. */
  public static String settlementCurrency(Instrument spec) {
    return spec.getSettlement() == Settlement.COIN ? spec.getUnderlying() : Account.QUOTE;
  }

  public static dev.solvent.risk.instrument.Instrument toCore(Instrument spec) {
    String id = spec.getInstrumentId();
    String underlying = spec.getUnderlying();
    boolean coin = spec.getSettlement() == Settlement.COIN;
    return switch (spec.getKind()) {
      case PERPETUAL, FUTURE -> {
        long expiry = spec.getKind() == InstrumentKind.FUTURE ? required("expiry", spec.getExpiry()).toEpochMilli() : 0;
        MaintenanceBasis basis = spec.getMaintenanceBasis() == null ? MaintenanceBasis.MARK
            : MaintenanceBasis.valueOf(spec.getMaintenanceBasis().name());
        double penalty = orDefault(spec.getLiquidationPenaltyRate(), DEFAULT_LINEAR_PENALTY);
        yield coin
            ? new InverseContract(id, underlying, expiry, spec.getContractSize().doubleValue(),
                spec.getLotSize().doubleValue(), schedule(spec), penalty, spec.getInsuranceFundId(), basis)
            : new LinearContract(id, underlying, expiry, spec.getContractSize().doubleValue(),
                spec.getLotSize().doubleValue(), schedule(spec), penalty, spec.getInsuranceFundId(), basis);
      }
      case OPTION -> new OptionContract(id, underlying,
          OptionType.valueOf(required("optionType", spec.getOptionType()).name()),
          required("strike", spec.getStrike()).doubleValue(), required("expiry", spec.getExpiry()).toEpochMilli(),
          spec.getContractSize().doubleValue(), spec.getLotSize().doubleValue(),
          orDefault(spec.getLiquidationPenaltyRate(), DEFAULT_OPTION_PENALTY), spec.getInsuranceFundId(), coin);
      case SPOT_COLLATERAL -> new CollateralAsset(id, quoteOnly(spec).getUnderlying(),
          orDefault(spec.getCollateralHaircut(), 0),
          required("liquidationThreshold", spec.getLiquidationThreshold()).doubleValue(),
          orDefault(spec.getLiquidationBonus(), 0.05), orDefault(spec.getProtocolFeeRate(), 0.1));
      case LOAN -> new LoanAsset(id, quoteOnly(spec).getUnderlying());
    };
  }

  /** Collateral and loan assets are valued in the quote: a COIN settlement means nothing for them. */
  private static Instrument quoteOnly(Instrument spec) {
    if (spec.getSettlement() == Settlement.COIN) {
      throw new IllegalArgumentException("settlement COIN applies to perpetuals, futures and options, not to "
          + spec.getKind());
    }
    return spec;
  }

  private static MarginSchedule schedule(Instrument spec) {
    List<dev.solvent.avro.instruments.MarginTier> tiers = spec.getMarginTiers();
    if (tiers.isEmpty()) {
      throw new IllegalArgumentException("a linear contract needs marginTiers");
    }
    return new MarginSchedule(tiers.stream().map(t -> new MarginTier(t.getNotionalFloor().doubleValue(),
        t.getNotionalCap() == null ? Double.POSITIVE_INFINITY : t.getNotionalCap().doubleValue(), t.getMaxLeverage(),
        t.getMaintenanceRate().doubleValue(), t.getMaintenanceAmount().doubleValue())).toList());
  }

  private static <T> T required(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required for this kind");
    }
    return value;
  }

  private static double orDefault(BigDecimal value, double fallback) {
    return value == null ? fallback : value.doubleValue();
  }
}
