package dev.solvent.job.account;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.job.model.Instruments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Converted specs, reused while a spec is unchanged (conversion validates a whole margin schedule). Unchanged means
 * the same instance or the same Avro bytes: {@code Instrument.equals} cannot compare the nullable decimals of margin
 * tiers (Avro's generic comparison has no logical-type conversions and throws).
 */
final class InstrumentCache {

  private final Map<String, Instrument> specs = new HashMap<>();
  private final Map<String, byte[]> encoded = new HashMap<>();
  private final Map<String, dev.solvent.risk.instrument.Instrument> cores = new HashMap<>();

  dev.solvent.risk.instrument.Instrument core(Instrument spec) {
    String id = spec.getInstrumentId();
    if (spec == specs.get(id)) {
      return cores.get(id);
    }
    byte[] bytes = bytes(spec);
    if (!Arrays.equals(bytes, encoded.get(id))) {
      encoded.put(id, bytes);
      cores.put(id, Instruments.toCore(spec));
    }
    specs.put(id, spec);
    return cores.get(id);
  }

  private static byte[] bytes(Instrument spec) {
    try {
      ByteBuffer buffer = Instrument.getEncoder().encode(spec);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode instrument " + spec.getInstrumentId(), e);
    }
  }
}
