package dev.solvent.job.model;

import dev.solvent.risk.ledger.AccountLedger;

/**
 * Everything the account stage keeps for one account, read and written once per timestamp: the exact ledger (null
 * until AccountOpened), what it remembers of its last outputs, and its liquidation in progress (or null).
 */
public record AccountState(AccountLedger ledger, AccountMemory memory, PendingLiquidation pending) {

  public static final AccountState NONE = new AccountState(null, AccountMemory.NONE, null);

  public AccountState withLedger(AccountLedger newLedger) {
    return new AccountState(newLedger, memory, pending);
  }

  public AccountState withMemory(AccountMemory newMemory) {
    return new AccountState(ledger, newMemory, pending);
  }

  public AccountState withPending(PendingLiquidation newPending) {
    return new AccountState(ledger, memory, newPending);
  }
}
