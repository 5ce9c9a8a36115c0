import { describe, expect, it } from 'vitest';
import { backoffMs } from '../src/outbox/backoff.js';
import { openDatabase } from '../src/outbox/db.js';
import { Forwarder, type Lane } from '../src/outbox/forwarder.js';
import { GroupCommitter } from '../src/outbox/group_commit.js';
import { OutboxStore } from '../src/outbox/store.js';
import { ManualClock } from '../src/util/clock.js';
import { silentLogger } from '../src/util/log.js';

function setup(maxAttempts = 3) {
    const clock = new ManualClock();
    const db = openDatabase(':memory:');
    const store = new OutboxStore(db, clock, maxAttempts);
    const fwd = new Forwarder(store, clock, { leaseMs: 10_000, pollMs: 1000, lingerMs: 0, backoffBaseMs: 1000, backoffCapMs: 8000 }, silentLogger);
    return { clock, db, store, fwd };
}

const lane = (handle: Lane<{ n: number }>['handle'], batchSize = 10): Lane<{ n: number }> => ({ kind: 'k', batchSize, handle });

describe('outbox store', () => {
    it('deduplicates by key', () => {
        const { store } = setup();
        expect(store.insert({ kind: 'k', dedupeKey: 'a', payload: { n: 1 } })).toBe(true);
        expect(store.insert({ kind: 'k', dedupeKey: 'a', payload: { n: 2 } })).toBe(false);
        expect(store.rows()).toHaveLength(1);
        expect(JSON.parse(store.rows()[0]?.payload ?? '{}')).toEqual({ n: 1 });
    });

    it('claims under a lease: a second worker sees nothing until the lease expires', () => {
        const { store, clock } = setup();
        store.insert({ kind: 'k', dedupeKey: 'a', payload: {} });
        expect(store.claim('k', 10, 5000, 'w1')).toHaveLength(1);
        expect(store.claim('k', 10, 5000, 'w2')).toHaveLength(0);
        clock.advance(5001);
        const again = store.claim('k', 10, 5000, 'w2');
        expect(again.map((j) => j.attempts)).toEqual([2]);
        expect(store.row('a')).toMatchObject({ locked_by: 'w2', attempts: 2 });
    });

    it('only the holder can complete or fail a job', () => {
        const { store } = setup();
        store.insert({ kind: 'k', dedupeKey: 'a', payload: {} });
        const [job] = store.claim('k', 10, 5000, 'w1');
        store.complete([job!.id], 'intruder');
        expect(store.row('a')?.state).toBe('pending');
        store.complete([job!.id], 'w1');
        expect(store.row('a')?.state).toBe('done');
    });

    it('releases every lease at start-up', () => {
        const { store } = setup();
        store.insert({ kind: 'k', dedupeKey: 'a', payload: {} });
        store.claim('k', 10, 60_000, 'dead-process');
        expect(store.releaseAllLeases()).toBe(1);
        expect(store.claim('k', 10, 60_000, 'w')).toHaveLength(1);
    });

    it('prunes finished jobs and receipts after the retention window, never pending ones', () => {
        const { store, clock } = setup();
        store.insert({ kind: 'k', dedupeKey: 'done', payload: {} });
        store.insert({ kind: 'k', dedupeKey: 'pending', payload: {}, runAt: clock.now() + 1e9 });
        store.receipt('chatwoot', 'd1');
        const [job] = store.claim('k', 10, 1000, 'w');
        store.complete([job!.id], 'w');
        clock.advance(10_000);
        expect(store.prune(5_000)).toBe(2);
        expect(store.rows().map((r) => r.dedupe_key)).toEqual(['pending']);
        expect(store.hasReceipt('chatwoot', 'd1')).toBe(false);
    });
});

describe('forwarder', () => {
    it('records attempts, last error and a capped exponential next run, then dead', async () => {
        const { store, fwd, clock } = setup(4);
        const l = lane(async () => {
            throw new Error('canister down');
        });
        store.insert({ kind: 'k', dedupeKey: 'a', payload: { n: 1 } });
        const runAts: number[] = [];
        for (let i = 0; i < 4; i++) {
            const start = clock.now();
            await fwd.runOnce(l as Lane);
            const row = store.row('a')!;
            expect(row.attempts).toBe(i + 1);
            expect(row.last_error).toBe('canister down');
            runAts.push(row.run_at - start);
            clock.set(row.run_at);
        }
        expect(store.row('a')?.state).toBe('dead');
        // base 1000 doubling, 20% jitter, capped at 8000
        expect(runAts[0]).toBeGreaterThanOrEqual(800);
        expect(runAts[0]).toBeLessThanOrEqual(1000);
        expect(runAts[1]).toBeGreaterThanOrEqual(1600);
        expect(runAts[2]).toBeGreaterThanOrEqual(3200);
        expect(await fwd.runOnce(l as Lane)).toBe(0);
    });

    it('applies per-job results: done, retry, dead', async () => {
        const { store, fwd } = setup();
        for (const k of ['a', 'b', 'c']) store.insert({ kind: 'k', dedupeKey: k, payload: { n: 1 } });
        const l = lane(async (jobs) => new Map([[jobs[1]!.id, { status: 'retry', error: 'later' }], [jobs[2]!.id, { status: 'dead', error: 'bad input' }]]));
        expect(await fwd.runOnce(l as Lane)).toBe(3);
        expect(store.rows().map((r) => [r.dedupe_key, r.state, r.last_error])).toEqual([
            ['a', 'done', null],
            ['b', 'pending', 'later'],
            ['c', 'dead', 'bad input']
        ]);
    });

    it('hands out jobs in batches of the lane size, oldest first', async () => {
        const { store, fwd } = setup();
        for (let i = 0; i < 25; i++) store.insert({ kind: 'k', dedupeKey: `j${i}`, payload: { n: i } });
        const seen: number[][] = [];
        const l = lane(async (jobs) => void seen.push(jobs.map((j) => j.payload.n)), 10);
        while ((await fwd.runOnce(l as Lane)) > 0);
        expect(seen.map((b) => b.length)).toEqual([10, 10, 5]);
        expect(seen.flat()).toEqual([...Array(25).keys()]);
    });
});

describe('group commit', () => {
    it('commits work of one tick in one transaction and isolates failures', async () => {
        const { db, store } = setup();
        const gc = new GroupCommitter(db);
        const results = await Promise.allSettled([
            gc.run(() => store.insert({ kind: 'k', dedupeKey: 'a', payload: {} })),
            gc.run(() => {
                store.insert({ kind: 'k', dedupeKey: 'b', payload: {} });
                throw new Error('boom');
            }),
            gc.run(() => store.insert({ kind: 'k', dedupeKey: 'a', payload: {} }))
        ]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(results[2]).toMatchObject({ value: false });
        expect(gc.commits).toBe(1);
        expect(store.rows().map((r) => r.dedupe_key)).toEqual(['a']);
    });
});

describe('backoff', () => {
    it('doubles from the base and stops at the cap', () => {
        const fixed = () => 0;
        expect([1, 2, 3, 4, 5, 6, 40].map((a) => backoffMs(a, 1000, 10_000, fixed))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
    });
});
