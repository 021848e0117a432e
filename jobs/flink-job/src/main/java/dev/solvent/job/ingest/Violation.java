package dev.solvent.job.ingest;

import dev.solvent.avro.deadletter.DeadLetterReason;

/** Why a decoded record is not usable. */
public record Violation(DeadLetterReason reason, String detail) {}
