package dev.solvent.risk.book;

import dev.solvent.risk.ledger.AccountLedger;

/**
 * Everything the account book keeps for one account: the exact ledger, what it remembers of its last outputs, and
 * its liquidation in progress (or null).
 */
public record AccountState(AccountLedger ledger, AccountMemory memory, PendingLiquidation pending) {

  /** Before the account's AccountOpened: no ledger. */
  static final AccountState NONE = new AccountState(null, AccountMemory.NONE, null);

  AccountState withLedger(AccountLedger newLedger) {
    return new AccountState(newLedger, memory, pending);
  }

  AccountState withMemory(AccountMemory newMemory) {
    return newMemory == memory ? this : new AccountState(ledger, newMemory, pending);
  }

  AccountState withPending(PendingLiquidation newPending) {
    return new AccountState(ledger, memory, newPending);
  }
}
