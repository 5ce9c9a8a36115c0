// Verifying an ICPay payment from what the chain says, not from what a notifier says: ICPay's
// canister record of the transaction and the two ledger blocks it names (the payer's transfer to
// ICPay, which carries the memo, and ICPay's forward of the account's share to the escrow).
// Binding: the payer's memo is the SDK's packed (accountCanisterId << 32) | intentCode, and the
// intent code is the contract id; the payer must be the contract's tenant; the forward must arrive
// at the escrow's own account. Each ICPay transaction and each forward block is booked once.
import type { PaymentRefusal } from '../../kernel/error';

/** The fields of upstream's `Transaction` that the escrow reads. */
export interface IcpayTx {
    id: bigint;
    status: string;
    account: bigint;
    ledger: string;
    sender: string;
    recipient: string | null;
    memo: Uint8Array | null;
    amount: bigint;
    accountAmount: bigint;
    platformFee: bigint;
    relayFee: bigint;
    transferFee: bigint;
    received: bigint | null;
    /** The account's split: its amount and the block of its forward (null until forwarded). */
    split: { amount: bigint; block: bigint | null } | null;
}

/** An ICRC-1 transfer as its ledger block records it. */
export interface LedgerTransfer {
    from: string;
    to: string;
    toSubaccount: Uint8Array | null;
    amount: bigint;
    memo: Uint8Array | null;
}

export interface IcpaySettings {
    canister: string;
    account: bigint;
}

export function unpackMemo(memo: Uint8Array | null): { account: bigint; code: bigint } | null {
    if (memo === null || memo.length === 0 || memo.length > 8) return null;
    let v = 0n;
    for (let i = 0; i < memo.length; i++) v |= BigInt(memo[i]!) << BigInt(8 * i);
    return { account: v >> 32n, code: v & 0xffff_ffffn };
}

/** The contract a payment record is bound to, or why it binds to none of ours. */
export function boundContract(cfg: IcpaySettings, tx: IcpayTx): { Ok: bigint } | { Err: PaymentRefusal } {
    if (tx.account !== cfg.account) return { Err: { OtherAccount: { account: tx.account } } };
    const m = unpackMemo(tx.memo);
    if (m === null || m.account !== cfg.account) return { Err: { MemoUnreadable: null } };
    return { Ok: m.code };
}

/** What the record says reached the escrow, before the ledger is read. */
export function forwardOf(self: string, tx: IcpayTx): { Ok: bigint } | { Err: PaymentRefusal } {
    if (tx.recipient !== self) return { Err: { ForeignRecipient: { recipient: tx.recipient ?? '' } } };
    if (tx.status !== 'Completed' || tx.split === null || tx.split.block === null || tx.received === null) return { Err: { NotForwarded: { status: tx.status } } };
    return { Ok: tx.split.block };
}

const sameBytes = (a: Uint8Array | null, b: Uint8Array | null): boolean =>
    a === b || (a !== null && b !== null && a.length === b.length && a.every((x, i) => x === b[i]));

/** The ledger's blocks against the record: the payer's transfer to ICPay and ICPay's forward to the escrow. Returns what arrived. */
export function arrived(cfg: IcpaySettings, self: string, tx: IcpayTx, paid: LedgerTransfer | undefined, fwd: LedgerTransfer | undefined): { Ok: bigint } | { Err: PaymentRefusal } {
    const bad = (reason: string) => ({ Err: { LedgerMismatch: { reason } } });
    if (paid === undefined) return bad(`block ${tx.received} (the payment to ICPay) is not on the ledger`);
    if (paid.from !== tx.sender || paid.to !== cfg.canister || paid.amount !== tx.amount || !sameBytes(paid.memo, tx.memo)) return bad(`block ${tx.received} is not the recorded payment`);
    if (fwd === undefined) return bad(`block ${tx.split?.block} (the forward) is not on the ledger`);
    if (fwd.from !== cfg.canister || fwd.to !== self || fwd.toSubaccount !== null) return bad(`block ${tx.split?.block} is not a transfer from ICPay to the escrow`);
    if (fwd.amount !== tx.split!.amount) return bad(`block ${tx.split?.block} moved ${fwd.amount}, the record says ${tx.split!.amount}`);
    return { Ok: fwd.amount };
}

/** Booking keys: each ICPay transaction and each forward block at most once. */
export const txKey = (cfg: IcpaySettings, id: bigint): string => `icpay:${cfg.canister}:${id}`;
export const blockKey = (ledger: string, block: bigint): string => `block:${ledger}:${block}`;
