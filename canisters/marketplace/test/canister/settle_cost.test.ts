// settleSla is free and anyone may trigger a settlement (the rule decides, not the caller), so a
// call's work is bounded: a caller's own open contracts are recognised by two index reads each,
// and at most SETTLE_OTHERS_MAX other ids a call are read in full (found.ts, the cycles drain).
import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS, ok, provisioned, stranger, tenant, world, type World } from './fixture';
import { registerReporters } from '../trust/canister/trust_fixture';

let w: World;
let c: any;

const cost = async (f: () => Promise<unknown>): Promise<number> => {
    await f();
    return Number(w.pic.lastInstructions);
};

describe('settleSla: a free call works on a bounded set of ids', () => {
    beforeAll(async () => {
        w = await world();
        await registerReporters(w);
        c = await provisioned(w);
        // Day one ends and its grace passes: one SLA period is due (unmonitored: insufficient_monitoring).
        await w.pic.advanceTime(24 * HOUR_MS + 20 * 60_000);
    });

    it("a stranger's ids past the first few are skipped; the tenant's own open contracts never are", async () => {
        const decoys = [1_000n, 1_001n, 1_002n];
        expect(ok<any[]>(await w.as(stranger).settleSla([...decoys, c.id]))).toEqual([]);
        const mine = ok<any[]>(await w.as(tenant).settleSla([...decoys, c.id]));
        expect(mine).toHaveLength(1);
        expect(ok<any[]>(await w.as(stranger).settleSla([c.id]))).toEqual([]);
    });

    it("a stranger's 100 ids (its first ids existing contracts) cost a few pings, not a settlement each", async () => {
        const ping = await cost(() => w.as(stranger).ping());
        const ids = Array.from({ length: 100 }, (_, i) => BigInt(i + 1));
        const spent = await cost(() => w.as(stranger).settleSla(ids));
        console.log(`settleSla(100 ids) by a stranger: ${(spent / 1e6).toFixed(1)}M instructions (${(spent / ping).toFixed(1)}x ping)`);
        expect(spent).toBeLessThan(10 * ping);
    });
});
