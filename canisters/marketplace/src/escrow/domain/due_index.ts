// The due-time index: the timer touches only contracts that are due. Kept in an ordered key set
// (a StableBTreeMap in the canister: its first keys are the earliest due) plus each contract's
// current due time, so it survives upgrades as it is and nothing is rebuilt.
import type { KV, SortedKeys } from '../../kernel/kv';

export type { SortedKeys };

export class MemorySortedKeys implements SortedKeys {
    private keys: string[] = [];
    private find(k: string): number {
        let lo = 0;
        let hi = this.keys.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (this.keys[mid]! < k) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
    add(k: string): void {
        const i = this.find(k);
        if (this.keys[i] !== k) this.keys.splice(i, 0, k);
    }
    remove(k: string): void {
        const i = this.find(k);
        if (this.keys[i] === k) this.keys.splice(i, 1);
    }
    first(n: number): string[] {
        return this.keys.slice(0, n);
    }
    size(): number {
        return this.keys.length;
    }
}

const W = 20;
const entry = (at: bigint, id: bigint): string => `${at.toString().padStart(W, '0')}|${id.toString().padStart(W, '0')}`;
const parse = (k: string): [bigint, bigint] => [BigInt(k.slice(0, W)), BigInt(k.slice(W + 1))];

export class DueIndex {
    constructor(
        private readonly order: SortedKeys = new MemorySortedKeys(),
        private readonly at: KV = new (class {
            m = new Map<string, string>();
            get = (k: string) => this.m.get(k);
            put = (k: string, v: string) => void this.m.set(k, v);
            remove = (k: string) => void this.m.delete(k);
        })()
    ) {}

    get size(): number {
        return this.order.size();
    }

    set(id: bigint, at: bigint | null): void {
        const old = this.get(id);
        if (old === (at ?? undefined)) return;
        if (old !== undefined) this.order.remove(entry(old, id));
        if (at === null) {
            this.at.remove(String(id));
            return;
        }
        this.at.put(String(id), String(at));
        this.order.add(entry(at, id));
    }

    get(id: bigint): bigint | undefined {
        const v = this.at.get(String(id));
        return v === undefined ? undefined : BigInt(v);
    }

    /** Earliest due time, or null. */
    peek(): bigint | null {
        const [k] = this.order.first(1);
        return k === undefined ? null : parse(k)[0];
    }

    /** Up to `max` ids due at or before `now`, earliest first (read only). */
    peekDue(now: bigint, max: number): bigint[] {
        const out: bigint[] = [];
        for (const k of this.order.first(max)) {
            const [at, id] = parse(k);
            if (at > now) break;
            out.push(id);
        }
        return out;
    }

    /** Removes and returns up to `max` ids due at or before `now`, earliest first. */
    takeDue(now: bigint, max: number): bigint[] {
        const out: bigint[] = [];
        for (const k of this.order.first(max)) {
            const [at, id] = parse(k);
            if (at > now) break;
            this.set(id, null);
            out.push(id);
        }
        return out;
    }

    /** Whether anything is due at `now` (no count: counting would scan). */
    anyDue(now: bigint): boolean {
        const p = this.peek();
        return p !== null && p <= now;
    }
}
