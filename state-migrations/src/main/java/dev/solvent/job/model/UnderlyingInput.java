package dev.solvent.job.model;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.vols.VolQuote;

/**
 * Frozen at v0.1: the shape UnderlyingInput had in the state of Solvent v0.1, under its v0.1 name, so the State Processor API
 * can read v0.1 savepoints (Flink's POJO serializer finds state classes by name). Read only by
 * {@code dev.solvent.migrations.V01Migration}; never change it.
 */
public record UnderlyingInput(String underlying, long time, int order, long sequence, Instrument spec, VolQuote vol,
    OracleUpdate oracle) {}
