import { describe, expect, it } from 'vitest';
import type { Actors } from '@/lib/agent';
import { forgetMovements, getMovements } from './get-movements';

const entry = (seq: number, account: string) => ({ seq: BigInt(seq), at: BigInt(seq), kind: { Deposit: null }, contractId: [1n], account, token: 'TCY', amount: 5n, fee: 0n, block: [], ref: '' });

function journalOf(entries: ReturnType<typeof entry>[], calls: number[]) {
    return {
        marketplace: {
            journal: async (offset: number, limit: number) => {
                calls.push(offset);
                const items = entries.slice(offset, offset + limit);
                return { items, total: entries.length, next: offset + limit < entries.length ? [offset + limit] : [] };
            }
        }
    } as unknown as Actors;
}

describe('movements of a principal', () => {
    it("keeps only the principal's entries, newest first, and a refresh reads only the new part of the journal", async () => {
        forgetMovements();
        const entries = Array.from({ length: 450 }, (_, i) => entry(i, i % 3 === 0 ? 'me' : 'other'));
        const calls: number[] = [];
        const actors = journalOf(entries, calls);
        const first = await getMovements(actors, 'me');
        expect(first).toHaveLength(150);
        expect(first[0]!.seq).toBe(447n);
        expect(calls).toEqual([0, 200, 400]);
        entries.push(entry(450, 'me'), entry(451, 'other'));
        calls.length = 0;
        const second = await getMovements(actors, 'me');
        expect(calls).toEqual([450]);
        expect(second).toHaveLength(151);
        expect(second[0]!.seq).toBe(450n);
    });
});
