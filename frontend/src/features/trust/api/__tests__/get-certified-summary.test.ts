import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const MARKET = 'ryjl3-tyaaa-aaaaa-aaaba-cai';
const PROVIDER = '2vxsx-fae';
const agent = { rootKey: new Uint8Array([1]), synced: false, diff: 0, next: [] as number[], hasSyncedTime: () => agent.synced, getTimeDiffMsecs: () => agent.diff, syncTime: vi.fn() };
const seen: number[] = [];
let certifiedAtMs = 0;

vi.mock('@/config/env', () => ({ env: () => ({ marketplaceCanisterId: MARKET }) }));
vi.mock('@/lib/agent', () => ({
    anonymousActors: async () => ({ agent, marketplace: { certifiedTrustSummary: async () => [{ summary: '{}', certificate: [1], witness: [2] }] } })
}));
vi.mock('../verify-summary', () => ({
    verifyCertifiedSummary: async (_r: unknown, ctx: { nowMs: number }) => {
        seen.push(ctx.nowMs);
        return { verified: true, fresh: ctx.nowMs - certifiedAtMs <= 300_000, summary: {}, certifiedAtNs: BigInt(certifiedAtMs) * 1_000_000n };
    }
}));

const { getCertifiedSummary } = await import('../get-certified-summary');

describe('getCertifiedSummary judges the age by the IC clock', () => {
    beforeEach(() => {
        vi.useFakeTimers({ now: 1_000_000_000_000 });
        seen.length = 0;
        agent.synced = false;
        agent.diff = 0;
        agent.syncTime.mockReset();
        agent.syncTime.mockImplementation(async () => {
            agent.synced = true;
            agent.diff = agent.next.shift() ?? agent.diff;
        });
    });
    afterEach(() => vi.useRealTimers());

    it('syncs before the first verification and adds the offset: an IC 10 minutes ahead makes a fresh answer current', async () => {
        agent.next = [600_000];
        certifiedAtMs = Date.now() + 600_000;
        const v = await getCertifiedSummary(PROVIDER);
        expect(agent.syncTime).toHaveBeenCalledTimes(1);
        expect(seen).toEqual([Date.now() + 600_000]);
        expect(v).toMatchObject({ verified: true, fresh: true });
    });

    it('an old answer is re-judged once after a new sync, and stays stale', async () => {
        agent.synced = true;
        certifiedAtMs = Date.now() - 360_000;
        const v = await getCertifiedSummary(PROVIDER);
        expect(agent.syncTime).toHaveBeenCalledTimes(1);
        expect(seen).toHaveLength(2);
        expect(v).toMatchObject({ verified: true, fresh: false });
    });

    it('an offset that would move the clock back is ignored: a replayed old time cannot freshen an old answer', async () => {
        agent.next = [-600_000, -600_000];
        certifiedAtMs = Date.now() - 360_000;
        const v = await getCertifiedSummary(PROVIDER);
        expect(seen.every((t) => t === Date.now())).toBe(true);
        expect(v).toMatchObject({ verified: true, fresh: false });
    });
});
