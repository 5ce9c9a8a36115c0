import {
    applyEffects,
    planApprove,
    planTransfer,
    planTransferFrom,
    type ApproveRequest,
    type Result,
    type TransferFromRequest,
    type TransferRequest
} from '../../src/domain';
import { NOW, alice, bob, type MemoryLedger } from './memory_ledger';

/** Plans and, when valid, applies: the same sequence the canister runs. */
function commit<E>(
    ledger: MemoryLedger,
    planned: Result<Parameters<typeof applyEffects>[1], E>,
    now: bigint
): Result<bigint, E> {
    if ('Err' in planned) return planned;
    return { Ok: applyEffects(ledger, planned.Ok, now) };
}

export function transfer(ledger: MemoryLedger, req: Partial<TransferRequest> = {}, now = NOW) {
    const full: TransferRequest = {
        from: alice, to: bob, amount: 100n, fee: null, memo: null, createdAtTime: null, ...req
    };
    return commit(ledger, planTransfer(ledger, full, now), now);
}

export function approve(ledger: MemoryLedger, req: Partial<ApproveRequest> = {}, now = NOW) {
    const full: ApproveRequest = {
        from: alice, spender: bob, amount: 50_000n, expectedAllowance: null, expiresAt: null,
        fee: null, memo: null, createdAtTime: null, ...req
    };
    return commit(ledger, planApprove(ledger, full, now), now);
}

export function transferFrom(ledger: MemoryLedger, req: Partial<TransferFromRequest> = {}, now = NOW) {
    const full: TransferFromRequest = {
        spender: bob, from: alice, to: bob, amount: 100n, fee: null, memo: null,
        createdAtTime: null, ...req
    };
    return commit(ledger, planTransferFrom(ledger, full, now), now);
}
