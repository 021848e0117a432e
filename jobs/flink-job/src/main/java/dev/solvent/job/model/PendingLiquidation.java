package dev.solvent.job.model;

/**
 * The account's one liquidation in progress: its attempt (1, then +1 per escalation), the event time at which an
 * unfilled order escalates, and every order emitted for it (late fills of replaced orders still settle).
 */
public record PendingLiquidation(long number, int attempt, long deadline, PendingOrder[] orders) {

  public boolean filled() {
    for (PendingOrder order : orders) {
      if (order.remaining().signum() > 0) {
        return false;
      }
    }
    return true;
  }
}
