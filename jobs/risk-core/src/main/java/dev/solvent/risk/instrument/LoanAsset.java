package dev.solvent.risk.instrument;

import java.util.Objects;

/** An asset that can be borrowed in lending mode; its debt is valued at the underlying's oracle price. */
public record LoanAsset(String id, String underlying) implements Instrument {

  public LoanAsset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(underlying, "underlying");
  }
}
