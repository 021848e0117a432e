package dev.solvent.job.model;

import dev.solvent.avro.deadletter.DeadLetter;

/** A dead letter and the event time at which it takes its place in the dead-letter topic. */
public record Rejected(long time, DeadLetter deadLetter) {}
