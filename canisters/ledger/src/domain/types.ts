/** An ICRC-1 account with its subaccount normalised: the all-zero subaccount is stored as null. */
export interface Account {
    readonly owner: string;
    readonly subaccount: Uint8Array | null;
}

export type Result<T, E> = { Ok: T } | { Err: E };

export interface LedgerConfig {
    readonly name: string;
    readonly symbol: string;
    readonly decimals: number;
    readonly fee: bigint;
    readonly minBurnAmount: bigint;
    readonly mintingAccount: Account;
    readonly allowFaults: boolean;
    /** Blocks move to the archive in batches of `batch` once more than `threshold` are local (null: never; absent in configs stored before archives). */
    readonly archive?: { readonly threshold: bigint; readonly batch: bigint } | null;
}

export interface Allowance {
    readonly amount: bigint;
    readonly expiresAt: bigint | null;
}

export type Operation =
    | { readonly kind: 'mint'; readonly to: Account; readonly amount: bigint }
    | {
          readonly kind: 'burn';
          readonly from: Account;
          readonly spender: Account | null;
          readonly amount: bigint;
      }
    | {
          readonly kind: 'transfer';
          readonly from: Account;
          readonly to: Account;
          readonly spender: Account | null;
          readonly amount: bigint;
          readonly fee: bigint;
      }
    | {
          readonly kind: 'approve';
          readonly from: Account;
          readonly spender: Account;
          readonly amount: bigint;
          readonly expectedAllowance: bigint | null;
          readonly expiresAt: bigint | null;
          readonly fee: bigint;
      };

export interface Block {
    readonly index: bigint;
    readonly timestamp: bigint;
    readonly createdAtTime: bigint | null;
    readonly memo: Uint8Array | null;
    readonly operation: Operation;
    /** The fee the caller stated (ICRC-3 puts it in `tx`); null when the ledger's fee applied. */
    readonly requestedFee: bigint | null;
    /** ICRC-3 hash of this block, which the next block carries as `phash`. */
    readonly hash: Uint8Array;
}

/** What the rules read; never written by them. */
export interface LedgerView {
    readonly config: LedgerConfig;
    balanceOf(account: Account): bigint;
    /** The stored allowance, expired or not. */
    allowance(from: Account, spender: Account): Allowance | undefined;
    /** Index of the block recorded under this deduplication key, if still in the window. */
    duplicateOf(dedupKey: string): bigint | undefined;
}

export interface BalanceChange {
    readonly account: Account;
    readonly delta: bigint;
}

/** Everything a valid request changes; applied by `applyEffects`. */
export interface Effects {
    readonly operation: Operation;
    readonly memo: Uint8Array | null;
    readonly createdAtTime: bigint | null;
    readonly balanceChanges: readonly BalanceChange[];
    readonly allowanceChange: {
        readonly from: Account;
        readonly spender: Account;
        readonly allowance: Allowance | null;
    } | null;
    readonly dedupKey: string | null;
    readonly requestedFee: bigint | null;
}
