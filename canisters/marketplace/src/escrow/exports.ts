// What the escrow module offers the rest of the canister (the market facade, the catalog, the
// canister's storage and ledger gateway, the trust module): other modules import from here only
// (test/keeper/modules.test.ts checks it).
export { appendJournal, configOf, type StatusHook, type Storage } from './apply';
export { booksNow, checkBooks, checkContracts, withLedger, type AuditReport, type UnbookedPayment } from './audit';
export { Books, type BooksStore, type TokenTotals } from './domain/books';
export { DueIndex, type SortedKeys } from './domain/due_index';
export { probeUrl } from './domain/probe';
export { billedUntil, billingStopped, contractEnd, paidHours, platformFee } from './domain/settlement';
export { resolve, type LedgerOutcome } from './domain/transfers';
export { Draft, noEffects, type Effects, type Plan } from './effects';
export { RETRY_AFTER_NS } from './funding';
export type { IcpayTx, LedgerTransfer } from './domain/icpay';
export { unbookedOf, type IcpayBooking, type IcpayOutcome } from './icpay';
export { BUSY_TIMEOUT_NS, EscrowKeeper, RUN_BUDGET } from './keeper';
export { planAccept, planExtend, planMove, planProbe, planProvisioned, planRequest, planStartProvisioning, type Closed } from './lifecycle';
export { memoryStore, MemoryTable, type IcpayGateway, type LedgerGateway, type Store, type Table, type TransferLookup } from './ports';
export { ACCRUE_IN_BALANCE, accountBalance, contractBalance, contractPage, feeBalance, journalPage, probePage, transferPage, type AccountBalance, type ContractBalance, type ContractQuery } from './reads';
export type { DueRun } from './release';
export { seedOne } from './seed';
export { planSlaCredit, type Credited } from './sla';
export { L, type EscrowView, type Records } from './view';
