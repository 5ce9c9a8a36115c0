import { describe, expect, it } from 'vitest';
import type { Actors } from '@/lib/agent';
import { getContractMovements, getMovements } from './get-movements';

const entry = (seq: number, contractId = 1n) => ({ seq: BigInt(seq), at: BigInt(seq), kind: { Deposit: null }, contractId: [contractId], account: 'me', token: 'TCY', amount: 5n, fee: 0n, block: [], ref: '' });

/** A canister page reader whose pages can be short (half the limit) with `next` still set, as the cursor allows. */
function pages(entries: ReturnType<typeof entry>[], calls: unknown[][]) {
    return async (...args: unknown[]) => {
        calls.push(args);
        const [cursor, limit] = args as [number, number];
        const items = entries.slice(cursor, cursor + Math.ceil(limit / 2));
        const end = cursor + items.length;
        return { items, total: entries.length, next: end < entries.length ? [end] : [] };
    };
}

describe('movements', () => {
    it("reads the caller's own journal to its last cursor, short pages included, newest first", async () => {
        const entries = Array.from({ length: 130 }, (_, i) => entry(i));
        const calls: unknown[][] = [];
        const actors = { marketplace: { accountJournal: pages(entries, calls), journal: () => Promise.reject(new Error('reads the whole journal')) } } as unknown as Actors;
        const got = await getMovements(actors);
        expect(got).toHaveLength(130);
        expect(got[0]!.seq).toBe(129n);
        expect(got.at(-1)!.seq).toBe(0n);
        expect(calls.map((c) => c[0])).toEqual([0, 50, 100]);
    });
    it("reads one contract's movements by its id", async () => {
        const calls: unknown[][] = [];
        const actors = { marketplace: { journal: pages([entry(3, 7n), entry(9, 7n)], calls) } } as unknown as Actors;
        const got = await getContractMovements(actors, 7n);
        expect(got.map((m) => m.seq)).toEqual([9n, 3n]);
        expect(calls).toEqual([[0, 100, [7n]]]);
    });
    it('stops when the canister hands back a cursor it already gave', async () => {
        const read = async () => ({ items: [entry(1)], total: 1, next: [0] });
        const actors = { marketplace: { accountJournal: read } } as unknown as Actors;
        expect(await getMovements(actors)).toHaveLength(1);
    });
});
