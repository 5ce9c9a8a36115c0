import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import type { TrustProfile as CTrustProfile, UptimeDay as CUptimeDay, UptimeWindow as CWindow } from '@declarations/marketplace';
import { toTrustProfile } from '../mappers';

const DAY_NS = 86_400n * 1_000_000_000n;
const window = (uptime: number | undefined, downMinutes = 0): CWindow => ({
    compliant: [],
    remainingBudgetMinutes: 0,
    targetPct: [99.9],
    downMinutes,
    upMinutes: 0,
    uptime: uptime === undefined ? [] : [uptime],
    avgLatencyMs: [],
    disputedMinutes: 0,
    allowedDownMinutes: 0,
    tiedMinutes: 0
});

/** A trust profile with only the fields the mapper reads filled in. */
function profile(daily: CUptimeDay[], offerings: unknown[] = []): CTrustProfile {
    return {
        provider: Principal.anonymous(),
        score: 80,
        evidence: 0,
        flags: [],
        breakdown: [],
        uptime: { day: window(1), week: window(0.999, 10), month: window(0.998, 80), daily },
        incidents: 1,
        responsiveness: { firstResponseMedianSecs: [], firstResponseP90Secs: [], measured: 0, breaches: 0 },
        silentSince: [],
        feedback: { count: 0 },
        contracts: { total: 0 },
        offerings
    } as unknown as CTrustProfile;
}

describe('toTrustProfile', () => {
    it('charts the canister’s 30-day daily series, oldest first, days without data as no data', () => {
        const daily = Array.from({ length: 30 }, (_, i) => {
            const observed = i >= 27;
            return { dayStart: BigInt(20_000 + i) * DAY_NS, upMinutes: observed ? 1430 : 0, downMinutes: observed ? 10 : 0, ratio: observed ? [1430 / 1440] : [] } as CUptimeDay;
        });
        const t = toTrustProfile(profile(daily));
        expect(t.uptimeDays).toHaveLength(30);
        expect(t.uptimeDays[0]).toEqual({ day: 20_000n * DAY_NS, uptime: undefined });
        expect(t.uptimeDays[29]?.uptime).toBeCloseTo(1430 / 1440, 6);
        expect(t.uptimeDays.filter((d) => d.uptime !== undefined)).toHaveLength(3);
        expect(t.uptime30d).toBe(0.998);
        expect(t.uptimeTarget).toBeCloseTo(0.999, 6);
    });

    it('keeps each offering’s claim checks apart and shows the provider’s worst per metric', () => {
        const claim = (metric: string, claimed: number, measured: number, ok: boolean) => ({ metric, claimed, measured, ok });
        const offering = (id: bigint, claims: unknown[]) => ({ offeringId: id, claims, comparables: 0, label: '', deltaPct: [], anomaly: [] });
        const t = toTrustProfile(
            profile([], [offering(1n, [claim('ram_gib', 4, 3.9, true)]), offering(2n, [claim('ram_gib', 8, 5, false)])])
        );
        expect(t.offeringMarkets.find((m) => m.offeringId === 1n)?.claims).toEqual([claim('ram_gib', 4, 3.9, true)]);
        expect(t.offeringMarkets.find((m) => m.offeringId === 2n)?.claims).toEqual([claim('ram_gib', 8, 5, false)]);
        expect(t.claims).toEqual([claim('ram_gib', 8, 5, false)]);
    });
});
