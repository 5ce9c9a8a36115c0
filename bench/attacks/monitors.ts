// Monitor attacks of issue 19: votes, who decides a minute, and Uptime Kuma as it really notifies.
// The canister ones run against the compiled marketplace (local ICP ledger, fee 10,000 e8s); the
// Kuma ones against the relay's webhook and roll-up. Each attacker spends no tokens: a stolen
// Monitor key, a declared monitor, a Kuma set-up are free, so the target is that nothing moves.
import { Principal } from '@dfinity/principal';
import { HOUR_MS, ok, provider, provisioned, stranger, tenant, world, type World } from '../../canisters/marketplace/test/canister/fixture.js';
import { chunks, MIN_NS, minuteOf, monitorA, monitorB, registerReporters, uptimeBatch, type ProbeSpec, type Source } from '../../canisters/marketplace/test/trust/canister/trust_fixture.js';
import { Harness, SECRETS } from '../../relay/test/support/harness.js';
import type { Attack, AttackOutcome } from './attack.js';

const ICP = { symbol: 'ICP', decimals: 8 };
const H = 3_600n * 1_000_000_000n;

/** A provisioned 30-day contract one day and 5 minutes into service, and the minutes of its first SLA day still reportable. */
async function oneDayIn(w: World): Promise<{ c: any; day: bigint[] }> {
    await registerReporters(w);
    const c = await provisioned(w, 720);
    const start = c.segments.find((s: any) => s.hours > 0).start as bigint;
    await w.pic.advanceTime(24 * HOUR_MS + 5 * 60_000);
    const day: bigint[] = [];
    for (let t = minuteOf(w.nowNs() - 24n * H) + MIN_NS; t < start + 24n * H; t += MIN_NS) day.push(t);
    return { c, day };
}

async function report(w: World, who: Principal, contractId: bigint, day: bigint[], down: boolean, source: Source): Promise<unknown[]> {
    const one = source !== 'Probe';
    const spec: ProbeSpec[] = day.map((minute) => ({ minute, up: down ? 0 : one ? 1 : 6, down: down ? (one ? 1 : 6) : 0 }));
    const replies: unknown[] = [];
    for (const [i, b] of chunks(spec, 500).entries()) replies.push(await w.as(who).submitUptime(uptimeBatch(`${who.toText().slice(0, 5)}-${source}-${i}`, contractId, b, source)));
    return replies;
}

/** Settles the first SLA day and returns what moved to the tenant and the day's record. */
async function settleFirstDay(w: World, contractId: bigint): Promise<{ credited: bigint; record: any }> {
    await w.pic.advanceTime(20 * 60_000);
    const before = (await w.as(tenant).contractBalance(contractId))[0];
    const settled = ok<any[]>(await w.as(stranger).settleSla([contractId]));
    const after = (await w.as(tenant).contractBalance(contractId))[0];
    return { credited: BigInt(after.refunded) - BigInt(before.refunded), record: settled[0] };
}

export interface OneKeyTwoVotes {
    minutes: number;
    credited: bigint;
    outcome: string;
    dayDownMinutes: number;
}

/** A stolen Monitor key reports every minute of a day down under Probe and Kuma; an honest platform monitor reports it up. */
export async function oneKeyTwoVotes(): Promise<OneKeyTwoVotes> {
    const w = await world();
    const { c, day } = await oneDayIn(w);
    await report(w, monitorB, c.id, day, false, 'Probe');
    await report(w, monitorA, c.id, day, true, 'Probe');
    await report(w, monitorA, c.id, day, true, 'Kuma');
    const s = await settleFirstDay(w, c.id);
    const sig = (await w.as(tenant).contractSignals(c.id))[0];
    return { minutes: day.length, credited: s.credited, outcome: s.record?.outcome, dayDownMinutes: sig.uptime.day.downMinutes };
}

export interface OwnMonitorDecides {
    minutes: number;
    credited: bigint;
    outcome: string;
    profileUp: number;
    profileDown: number;
    /** Whether the provider could take its contract off the platform's probe list while it bills. */
    clearedFromTargets: boolean;
    pausedFromTargets: boolean;
}

/**
 * No platform vote (the provider cleared its probe endpoint): the provider-declared monitor reports
 * every minute up, the tenant-declared one reports it down.
 */
export async function ownMonitorDecides(): Promise<OwnMonitorDecides> {
    const w = await world();
    const { c, day } = await oneDayIn(w);
    const p = w.as(provider);
    const ep = [{ scheme: { Https: null }, host: 'vm7.example.com', port: 443, path: '/health' }];
    ok(await p.setProbeEndpoint(c.id, ep));
    const listed = async () => ok<any>(await w.as(monitorA).probeTargets(0, 200)).items.some((x: any) => x.contractId === c.id);
    const cleared = 'Ok' in (await p.setProbeEndpoint(c.id, []));
    const clearedFromTargets = !(await listed());
    if (cleared) ok(await p.setProbeEndpoint(c.id, ep));
    ok(await p.pauseContract(c.id, 'maintenance'));
    const pausedFromTargets = !(await listed());
    ok(await p.resumeContract(c.id));
    const own = Principal.fromUint8Array(Uint8Array.of(0x6d, 0x61));
    const theirs = Principal.fromUint8Array(Uint8Array.of(0x6d, 0x62));
    ok(await p.declareMonitor(c.id, own));
    ok(await w.as(tenant).declareMonitor(c.id, theirs));
    await report(w, own, c.id, day, false, 'Monitor');
    await report(w, theirs, c.id, day, true, 'Monitor');
    const s = await settleFirstDay(w, c.id);
    const prof = (await w.as(stranger).trustProfile(provider))[0];
    return { minutes: day.length, credited: s.credited, outcome: s.record?.outcome, profileUp: prof.uptime.day.upMinutes, profileDown: prof.uptime.day.downMinutes, clearedFromTargets, pausedFromTargets };
}

const MIN = 60_000;
/** Notification times 22 h back (the relay reports minutes up to 23 h old), judged by the relay's own roll-up. */
const T = Math.floor(Date.now() / MIN) * MIN - 22 * 60 * MIN;
const kumaMonitor = { id: 7, name: 'web', type: 'http', url: 'https://10.0.0.7/', interval: 60, retryInterval: 60, resendInterval: 0, tags: [{ name: 'contract', value: '42' }] };
const kumaTime = (at: number): string => new Date(at).toISOString().replace('T', ' ').replace('Z', '');
const beat = (status: number, at: number) => ({ monitorID: 7, status, time: kumaTime(at), msg: '', ping: null, important: true, duration: 60, retries: 0 });

/** Kuma (resendInterval 0, its default) notifies DOWN, then the monitor goes into maintenance and is paused: Kuma sends nothing more (isImportantForNotification). */
export async function kumaMaintenanceNeverUps(): Promise<{ downMinutes: number; hours: number }> {
    const h = await new Harness().start();
    try {
        const r = await h.post('/webhooks/uptime-kuma', JSON.stringify({ heartbeat: beat(0, T), monitor: kumaMonitor, msg: '[web] [🔴 Down] timeout' }), { 'x-relay-secret': SECRETS.kuma });
        if (r.status !== 200) throw new Error(`Kuma DOWN refused: ${r.status}`);
        // Maintenance from minute 5, then paused: nothing is sent. The relay rolls the day's minutes up.
        await h.relay.prober.round();
        const down = h.relay.core.store.rows('canister.uptime_minute').map((j) => JSON.parse(j.payload)).filter((m) => m.down > 0).length;
        return { downMinutes: down, hours: 22 };
    } finally {
        await h.stop();
    }
}

/** Kuma's custom body template with `{{status}}` renders "🔴 Down" / "✅ Up" (notification-provider.js renderTemplate). */
export async function kumaTemplateWords(): Promise<{ statuses: number[] }> {
    const h = await new Harness().start();
    try {
        const statuses: number[] = [];
        for (const [word, at] of [['🔴 Down', T], ['✅ Up', T + 4 * MIN]] as const) {
            const body = JSON.stringify({ status: word, time: kumaTime(at), monitorID: '7', contract: '42', msg: 'x' });
            statuses.push((await h.post('/webhooks/uptime-kuma', body, { 'x-relay-secret': SECRETS.kuma, 'content-type': 'application/x-www-form-urlencoded' })).status);
        }
        return { statuses };
    } finally {
        await h.stop();
    }
}

export const attacks: Attack[] = [
    {
        name: 'one monitor key, two votes (Probe + Kuma "down" vs an honest monitor)',
        source: '19',
        async run(): Promise<AttackOutcome> {
            const r = await oneKeyTwoVotes();
            return { costBaseUnits: 0n, token: ICP, moneyMoved: r.credited, effect: `${r.dayDownMinutes} of ${r.minutes} minutes counted down, day ${r.outcome}`, targetMet: r.credited === 0n && r.dayDownMinutes === 0 };
        }
    },
    {
        name: "the provider's own monitor decides (no platform vote)",
        source: '19',
        async run(): Promise<AttackOutcome> {
            const r = await ownMonitorDecides();
            const hid = r.clearedFromTargets || r.pausedFromTargets;
            return {
                costBaseUnits: 0n,
                token: ICP,
                moneyMoved: 0n,
                effect: `tenant's monitor ${r.minutes} min down, provider's up: day ${r.outcome}, profile ${r.profileUp} up/${r.profileDown} down; endpoint clear ${r.clearedFromTargets ? 'hides' : 'keeps'} it, pause ${r.pausedFromTargets ? 'hides' : 'keeps'} it`,
                targetMet: r.profileUp === 0 && r.outcome !== 'met' && !hid
            };
        }
    },
    {
        name: 'Kuma DOWN then maintenance/pause is never upped',
        source: '19',
        async run(): Promise<AttackOutcome> {
            const r = await kumaMaintenanceNeverUps();
            return { costBaseUnits: 0n, token: ICP, effect: `${r.downMinutes} down minutes in ${r.hours} h after one DOWN (maintenance from minute 5)`, targetMet: r.downMinutes <= 5 };
        }
    },
    {
        name: 'Kuma {{status}} template words ("🔴 Down"/"✅ Up")',
        source: '19',
        async run(): Promise<AttackOutcome> {
            const r = await kumaTemplateWords();
            return { costBaseUnits: 0n, token: ICP, effect: `relay answered ${r.statuses.join(', ')}`, targetMet: r.statuses.every((s) => s === 200) };
        }
    }
];
