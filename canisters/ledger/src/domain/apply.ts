import { blockHash } from './icrc3';
import type { Account, Allowance, Block, Effects, LedgerView } from './types';

/** Storage the canister (stable maps) and the tests (in memory) provide. */
export interface LedgerStore extends LedgerView {
    setBalance(account: Account, amount: bigint): void;
    setAllowance(from: Account, spender: Account, allowance: Allowance | null): void;
    totalSupply(): bigint;
    setTotalSupply(amount: bigint): void;
    blockCount(): bigint;
    appendBlock(block: Block): void;
    /** The hash of the last block, null while the log is empty. */
    tipHash(): Uint8Array | null;
    recordDedup(dedupKey: string, blockIndex: bigint, createdAtTime: bigint): void;
}

/** Commits a planned request; returns the index of its block. */
export function applyEffects(store: LedgerStore, effects: Effects, now: bigint): bigint {
    const index = store.blockCount();
    let supplyDelta = 0n;
    for (const { account, delta } of effects.balanceChanges) {
        const balance = store.balanceOf(account) + delta;
        if (balance < 0n) throw new Error('a planned change would make a balance negative');
        store.setBalance(account, balance);
        supplyDelta += delta;
    }
    store.setTotalSupply(store.totalSupply() + supplyDelta);
    const change = effects.allowanceChange;
    if (change !== null) store.setAllowance(change.from, change.spender, change.allowance);
    const { operation, memo, createdAtTime, requestedFee } = effects;
    const content = { index, timestamp: now, createdAtTime, memo, operation, requestedFee };
    store.appendBlock({ ...content, hash: blockHash(content, store.tipHash()) });
    if (effects.dedupKey !== null && createdAtTime !== null) {
        store.recordDedup(effects.dedupKey, index, createdAtTime);
    }
    return index;
}

/** The initial balances, as mint blocks like the reference ledger writes them. */
export function mintEffects(to: Account, amount: bigint): Effects {
    return {
        operation: { kind: 'mint', to, amount },
        memo: null,
        createdAtTime: null,
        balanceChanges: [{ account: to, delta: amount }],
        allowanceChange: null,
        dedupKey: null,
        requestedFee: null
    };
}
