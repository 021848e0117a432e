package dev.solvent.job.riskarrays;

/** The last oracle mark of an underlying and the EWMA of its annualized squared returns. */
public record UnderlyingMemory(double lastMark, long lastTime, double varianceRate) {}
