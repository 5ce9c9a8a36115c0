// What the escrow module offers the rest of the canister (the facade, the catalog): other modules
// import from here only (test/keeper/unit_of_work.test.ts checks it).
export { appendJournal, configOf, type StatusHook, type Storage } from './apply';
export { booksNow, checkBooks, checkContracts, withLedger, type AuditReport } from './audit';
export { Draft, noEffects, type Effects, type Plan } from './effects';
export { RETRY_AFTER_NS } from './funding';
export { BUSY_TIMEOUT_NS, EscrowKeeper, RUN_BUDGET } from './keeper';
export { ANONYMOUS, planAccept, planExtend, planMove, planProbe, planProvisioned, planRequest, planStartProvisioning, unauthorized, type Closed } from './lifecycle';
export { ACCRUE_IN_BALANCE, accountBalance, contractBalance, contractPage, feeBalance, journalPage, probePage, transferPage, type AccountBalance, type ContractBalance } from './reads';
export type { DueRun } from './release';
export { seedOne } from './seed';
export { planSlaCredit, type Credited } from './sla';
export { L, type EscrowView, type Records } from './view';
