package dev.solvent.job.state;

import dev.solvent.risk.trigger.PriceBand;
import dev.solvent.risk.trigger.SafeBands;
import dev.solvent.risk.trigger.VolBand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What an account's last valuation guarantees (the trigger index's entry, kept to rebuild it on restore). Version 2
 * names each band's range of realized-volatility multipliers and each held option's volatility band; version 1's
 * bands assumed shared buckets no longer kept: they read as holding at a multiplier of exactly 1, and its bands with
 * options as none (such an account is revalued at its next price).
 */
public final class SafeBandsCodec implements StateCodec<SafeBands> {

  private static final long serialVersionUID = 1L;
  public static final SafeBandsCodec INSTANCE = new SafeBandsCodec();

  @Override
  public String name() {
    return "safe-bands";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public Class<SafeBands> type() {
    return SafeBands.class;
  }

  @Override
  public void write(SafeBands value, DataOutputView out) throws IOException {
    out.writeLong(value.valuedAt());
    out.writeLong(value.validUntil());
    out.writeInt(value.bands().size());
    for (PriceBand band : value.bands()) {
      Fields.string(out, band.underlying());
      out.writeDouble(band.low());
      out.writeDouble(band.high());
      out.writeDouble(band.multiplierLow());
      out.writeDouble(band.multiplierHigh());
    }
    out.writeInt(value.unpriced().size());
    for (String id : value.unpriced()) {
      Fields.string(out, id);
    }
    out.writeInt(value.vols().size());
    for (VolBand vol : value.vols()) {
      Fields.string(out, vol.instrument());
      out.writeDouble(vol.low());
      out.writeDouble(vol.high());
    }
  }

  @Override
  public SafeBands read(int version, DataInputView in) throws IOException {
    if (version != 1 && version != 2) {
      throw new IOException(name() + " has no version " + version);
    }
    long valuedAt = in.readLong();
    long validUntil = in.readLong();
    int n = in.readInt();
    List<PriceBand> bands = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      bands.add(version == 1 ? v1Band(in) : new PriceBand(Fields.string(in), in.readDouble(), in.readDouble(),
          in.readDouble(), in.readDouble()));
    }
    int m = in.readInt();
    List<String> unpriced = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      unpriced.add(Fields.string(in));
    }
    if (version == 1) {
      boolean withOptions = in.readBoolean();
      return new SafeBands(valuedAt, validUntil, withOptions ? bands.stream().map(b -> PriceBand.none(b.underlying()))
          .toList() : bands, unpriced, List.of());
    }
    int k = in.readInt();
    List<VolBand> vols = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      vols.add(new VolBand(Fields.string(in), in.readDouble(), in.readDouble()));
    }
    return new SafeBands(valuedAt, validUntil, bands, unpriced, vols);
  }

  /** A v1 band assumed the multiplier's shared bucket, no longer known: it holds only at a multiplier of 1. */
  private static PriceBand v1Band(DataInputView in) throws IOException {
    return new PriceBand(Fields.string(in), in.readDouble(), in.readDouble());
  }
}
