// Stable storage: every map survives upgrades, so no pre/post-upgrade hooks copy state around.
import { StableBTreeMap } from 'azle';
import {
    accountKey,
    dedupExpiresAt,
    takeFault,
    type Account,
    type Allowance,
    type ArmedFault,
    type Block,
    type FaultKind,
    type FaultMethod,
    type LedgerConfig,
    type LedgerStore
} from './domain';

type Counter = 'total_supply' | 'block_count' | 'first_local';

/** Upper bound on stale deduplication entries dropped per update, to keep each call cheap. */
const PRUNE_BATCH = 20;

export class StableLedgerStore implements LedgerStore {
    private readonly configMap = new StableBTreeMap<'config', LedgerConfig>(0);
    private readonly counters = new StableBTreeMap<Counter, bigint>(1);
    private readonly balances = new StableBTreeMap<string, bigint>(2);
    private readonly allowances = new StableBTreeMap<string, Allowance>(3);
    private readonly blocks = new StableBTreeMap<bigint, Block>(4);
    private readonly dedup = new StableBTreeMap<string, bigint>(5);
    /** Keyed by zero-padded expiry time then dedup key, so the oldest come first. */
    private readonly dedupExpiry = new StableBTreeMap<string, string>(6);
    private readonly faults = new StableBTreeMap<FaultMethod, ArmedFault>(7);

    /** Heap copy of the stored config: written only by init, read by every call (a trap rolls both back). */
    private cachedConfig: LedgerConfig | undefined;

    get config(): LedgerConfig {
        this.cachedConfig ??= this.configMap.get('config');
        if (this.cachedConfig === undefined) throw new Error('the ledger is not initialised');
        return this.cachedConfig;
    }

    setConfig(config: LedgerConfig): void {
        this.configMap.insert('config', config);
        this.cachedConfig = config;
    }

    balanceOf(account: Account): bigint {
        return this.balances.get(accountKey(account)) ?? 0n;
    }

    setBalance(account: Account, amount: bigint): void {
        const key = accountKey(account);
        if (amount === 0n) this.balances.remove(key);
        else this.balances.insert(key, amount);
    }

    allowance(from: Account, spender: Account): Allowance | undefined {
        return this.allowances.get(allowanceKey(from, spender));
    }

    setAllowance(from: Account, spender: Account, allowance: Allowance | null): void {
        const key = allowanceKey(from, spender);
        if (allowance === null) this.allowances.remove(key);
        else this.allowances.insert(key, allowance);
    }

    totalSupply(): bigint {
        return this.counters.get('total_supply') ?? 0n;
    }

    setTotalSupply(amount: bigint): void {
        this.counters.insert('total_supply', amount);
    }

    blockCount(): bigint {
        return this.counters.get('block_count') ?? 0n;
    }

    appendBlock(block: Block): void {
        this.blocks.insert(block.index, block);
        const count = block.index + 1n;
        this.counters.insert('block_count', count);
        const archive = this.config.archive ?? null;
        if (archive === null) return;
        const first = this.firstLocalBlock();
        if (count - first > archive.threshold) this.counters.insert('first_local', first + archive.batch);
    }

    /** Blocks below this index are in the archive: served by `archive_icrc3_get_blocks`, not by `icrc3_get_blocks`. */
    firstLocalBlock(): bigint {
        return this.counters.get('first_local') ?? 0n;
    }

    tipHash(): Uint8Array | null {
        const count = this.blockCount();
        return count === 0n ? null : (this.blocks.get(count - 1n)?.hash ?? null);
    }

    block(index: bigint): Block | undefined {
        return this.blocks.get(index);
    }

    duplicateOf(dedupKey: string): bigint | undefined {
        return this.dedup.get(dedupKey);
    }

    recordDedup(dedupKey: string, blockIndex: bigint, createdAtTime: bigint): void {
        this.dedup.insert(dedupKey, blockIndex);
        this.dedupExpiry.insert(expiryKey(dedupExpiresAt(createdAtTime), dedupKey), dedupKey);
    }

    /** Drops deduplication entries whose transactions would now be TooOld anyway. */
    pruneDedup(now: bigint): void {
        for (const [key, dedupKey] of this.dedupExpiry.items(0, PRUNE_BATCH)) {
            if (BigInt(key.slice(0, EXPIRY_DIGITS)) >= now) return;
            this.dedupExpiry.remove(key);
            this.dedup.remove(dedupKey);
        }
    }

    armedFaults(): [FaultMethod, ArmedFault][] {
        return this.faults.items();
    }

    armFault(method: FaultMethod, kind: FaultKind, count: number): void {
        if (count === 0) this.faults.remove(method);
        else this.faults.insert(method, { kind, remaining: count });
    }

    clearFaults(): void {
        for (const method of this.faults.keys()) this.faults.remove(method);
    }

    /** Consumes one use of the method's armed fault, if faults are allowed at all. */
    takeFault(method: FaultMethod): FaultKind | null {
        if (!this.config.allowFaults) return null;
        const taken = takeFault(this.faults.get(method));
        if (taken === null) return null;
        if (taken.rest === null) this.faults.remove(method);
        else this.faults.insert(method, taken.rest);
        return taken.fault;
    }
}

const EXPIRY_DIGITS = 24;

function expiryKey(expiresAt: bigint, dedupKey: string): string {
    return `${expiresAt.toString().padStart(EXPIRY_DIGITS, '0')}|${dedupKey}`;
}

function allowanceKey(from: Account, spender: Account): string {
    return `${accountKey(from)}|${accountKey(spender)}`;
}
