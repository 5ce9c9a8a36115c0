import { Principal } from '@dfinity/principal';
import {
    accountKey,
    applyEffects,
    mintEffects,
    type Account,
    type Allowance,
    type Block,
    type LedgerConfig,
    type LedgerStore
} from '../../src/domain';

/** An in-memory LedgerStore: the same rules the canister runs, without a canister. */
export class MemoryLedger implements LedgerStore {
    readonly balances = new Map<string, bigint>();
    readonly allowances = new Map<string, Allowance>();
    readonly blocks: Block[] = [];
    readonly dedup = new Map<string, bigint>();
    private supply = 0n;

    constructor(readonly config: LedgerConfig) {}

    balanceOf(account: Account): bigint {
        return this.balances.get(accountKey(account)) ?? 0n;
    }
    allowance(from: Account, spender: Account): Allowance | undefined {
        return this.allowances.get(pairKey(from, spender));
    }
    duplicateOf(key: string): bigint | undefined {
        return this.dedup.get(key);
    }
    setBalance(account: Account, amount: bigint): void {
        this.balances.set(accountKey(account), amount);
    }
    setAllowance(from: Account, spender: Account, allowance: Allowance | null): void {
        if (allowance === null) this.allowances.delete(pairKey(from, spender));
        else this.allowances.set(pairKey(from, spender), allowance);
    }
    totalSupply(): bigint {
        return this.supply;
    }
    setTotalSupply(amount: bigint): void {
        this.supply = amount;
    }
    blockCount(): bigint {
        return BigInt(this.blocks.length);
    }
    appendBlock(block: Block): void {
        this.blocks.push(block);
    }
    tipHash(): Uint8Array | null {
        return this.blocks.at(-1)?.hash ?? null;
    }
    recordDedup(key: string, blockIndex: bigint): void {
        this.dedup.set(key, blockIndex);
    }

    mint(to: Account, amount: bigint, now = 0n): void {
        applyEffects(this, mintEffects(to, amount), now);
    }
}

function pairKey(from: Account, spender: Account): string {
    return `${accountKey(from)}|${accountKey(spender)}`;
}

export const FEE = 10_000n;
export const NOW = 1_700_000_000_000_000_000n;

/** A test account: a principal made from the name's bytes (the ledger hashes owners as principals). */
export function account(name: string, sub?: number): Account {
    const owner = Principal.fromUint8Array(new TextEncoder().encode(name)).toText();
    if (sub === undefined) return { owner, subaccount: null };
    const subaccount = new Uint8Array(32);
    subaccount[31] = sub;
    return { owner, subaccount };
}

export const minter = account('minter');
export const alice = account('alice');
export const bob = account('bob');
export const carol = account('carol');

export function config(overrides: Partial<LedgerConfig> = {}): LedgerConfig {
    return {
        name: 'Test Token',
        symbol: 'TST',
        decimals: 8,
        fee: FEE,
        minBurnAmount: FEE,
        mintingAccount: minter,
        allowFaults: false,
        ...overrides
    };
}

/** A ledger where alice holds 1_000_000. */
export function fundedLedger(overrides: Partial<LedgerConfig> = {}): MemoryLedger {
    const ledger = new MemoryLedger(config(overrides));
    ledger.mint(alice, 1_000_000n);
    return ledger;
}
