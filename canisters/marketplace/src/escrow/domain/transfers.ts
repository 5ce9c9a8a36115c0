// Outgoing transfer bookkeeping (README.md of the marketplace, invariant 5): the balance is debited when the transfer
// record is created (status InFlight); only a definite failure re-credits it (status Failed); an
// unknown outcome keeps it in flight to be retried with the same created_at_time and memo, and the
// ledger's Duplicate answer counts as success.
import type { Account, Transfer, TransferKind } from '../../kernel/records';

/** What a ledger call came back with, normalised by the gateway. */
export type LedgerOutcome =
    | { kind: 'ok'; block: bigint }
    | { kind: 'duplicate'; block: bigint }
    /** The ledger answered with an error: the transfer did not happen. */
    | { kind: 'error'; code: string; message: string; expectedFee?: bigint }
    /** Reject, trap or lost reply: the transfer may or may not have happened. */
    | { kind: 'unknown'; message: string };

/** Errors after which the same arguments may succeed later: keep in flight and retry. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(['TemporarilyUnavailable', 'CreatedInFuture']);

export type Resolution =
    | { status: 'Done'; block: bigint }
    | { status: 'Failed'; reason: string }
    | { status: 'InFlight'; reason: string };

/**
 * Errors the ledger reports only after its deduplication check: had an earlier attempt with the same
 * arguments executed, the ledger would have answered Duplicate instead. Every other error (BadFee,
 * TooOld, GenericError, …) may be checked before deduplication, so after an attempt with an unknown
 * outcome it proves nothing about that attempt.
 */
export const AFTER_DEDUP_CODES: ReadonlySet<string> = new Set(['InsufficientFunds', 'InsufficientAllowance']);

/**
 * Classifies a ledger answer. `uncertain`: an earlier attempt with the same arguments had an
 * unknown outcome, so only Ok/Duplicate or an after-deduplication error is conclusive.
 */
export function resolve(o: LedgerOutcome, uncertain = false): Resolution {
    switch (o.kind) {
        case 'ok':
        case 'duplicate':
            return { status: 'Done', block: o.block };
        case 'error':
            if (uncertain && !AFTER_DEDUP_CODES.has(o.code)) return { status: 'InFlight', reason: `${o.code}: ${o.message} (an earlier attempt's outcome is unknown)` };
            // TooOld on a retry means the dedup window passed: the first attempt may have succeeded,
            // so the outcome stays unknown (needs reconciliation), never a re-credit.
            if (TRANSIENT_CODES.has(o.code) || o.code === 'TooOld') return { status: 'InFlight', reason: `${o.code}: ${o.message}` };
            return { status: 'Failed', reason: `${o.code}: ${o.message}` };
        case 'unknown':
            return { status: 'InFlight', reason: `unknown outcome: ${o.message}` };
    }
}

/** 8-byte big-endian memo naming the transfer (tag byte + 7 bytes of id). */
export function transferMemo(tag: number, id: bigint): Uint8Array {
    const m = new Uint8Array(8);
    m[0] = tag;
    let v = id;
    for (let i = 7; i >= 1; i--) {
        m[i] = Number(v & 0xffn);
        v >>= 8n;
    }
    return m;
}

/** Memo of the k-th ICRC-2 pull of a contract (16 bytes): unique per pull, so no two pulls can dedup. */
export function pullMemo(contractId: bigint, k: number): Uint8Array {
    const m = new Uint8Array(16);
    m.set(transferMemo(MEMO_TAG.Pull, contractId), 0);
    let v = BigInt(k);
    for (let i = 15; i >= 8; i--) {
        m[i] = Number(v & 0xffn);
        v >>= 8n;
    }
    return m;
}

export const MEMO_TAG = { Withdrawal: 1, Refund: 2, FeeWithdrawal: 3, Pull: 4, Return: 5 } as const;

export function newTransfer(args: {
    id: bigint;
    kind: TransferKind;
    account: string;
    token: string;
    amount: bigint;
    ledgerFee: bigint;
    to: Account;
    contractId: bigint | null;
    now: bigint;
}): Transfer {
    return {
        id: args.id,
        kind: args.kind,
        account: args.account,
        token: args.token,
        amount: args.amount,
        ledgerFee: args.ledgerFee,
        to: args.to,
        memo: transferMemo(MEMO_TAG[args.kind], args.id),
        createdAtTime: args.now,
        contractId: args.contractId,
        status: 'InFlight',
        block: null,
        attempts: 0,
        uncertain: false,
        lastError: '',
        updatedAt: args.now
    };
}

/** Applies a resolution to an in-flight transfer; a transfer already resolved is left unchanged. */
export function applyResolution(t: Transfer, o: LedgerOutcome, now: bigint): Transfer {
    if (t.status !== 'InFlight') return t;
    const r = resolve(o, t.uncertain);
    const attempts = t.attempts + 1;
    if (r.status === 'Done') return { ...t, status: 'Done', block: r.block, attempts, lastError: '', updatedAt: now };
    if (r.status === 'Failed') return { ...t, status: 'Failed', attempts, lastError: r.reason, updatedAt: now };
    return { ...t, attempts, uncertain: t.uncertain || o.kind === 'unknown', lastError: r.reason, updatedAt: now };
}
