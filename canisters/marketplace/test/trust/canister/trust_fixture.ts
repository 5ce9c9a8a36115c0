// Trust helpers over the marketplace fixture: reporters, times, and batch builders.
import { Principal } from '@dfinity/principal';
import { controller, NS, relay, type World } from '../../canister/fixture';

const user = (n: number): Principal => Principal.fromUint8Array(Uint8Array.of(0x6d, n));
export const monitorA = user(11);
export const monitorB = user(12);
export const monitorC = user(13);
export const MIN_NS = 60n * NS;

export async function registerReporters(w: World): Promise<void> {
    const admin = w.as(controller);
    for (const [p, role] of [[relay, { Relay: null }], [monitorA, { Monitor: null }], [monitorB, { Monitor: null }], [monitorC, { Monitor: null }]] as const) {
        const r = await admin.setTrustReporter(p, [role]);
        if (!('Ok' in r)) throw new Error(`setTrustReporter failed: ${JSON.stringify(r)}`);
    }
}

export const minuteOf = (ns: bigint): bigint => (ns / MIN_NS) * MIN_NS;

export interface ProbeSpec {
    minute: bigint;
    up: number;
    down: number;
}

export type Source = 'Probe' | 'Kuma' | 'Push' | 'Monitor';

export const uptimeBatch = (prefix: string, contractId: bigint, probes: ProbeSpec[], source?: Source) =>
    probes.map((p, i) => ({ id: `${prefix}-${i}`, contractId, bucketStart: p.minute, up: p.up, down: p.down, latencyMs: 25, source: source === undefined ? [] : [{ [source]: null }] }));

/** Minutes [from, to) with `isDown(minute)` deciding each verdict. */
export function minutes(from: bigint, to: bigint, isDown: (m: bigint) => boolean = () => false): ProbeSpec[] {
    const out: ProbeSpec[] = [];
    for (let m = minuteOf(from) + MIN_NS; m < to; m += MIN_NS) out.push({ minute: m, up: isDown(m) ? 0 : 6, down: isDown(m) ? 6 : 0 });
    return out;
}

export const event = (id: string, contractId: bigint, kind: 'CustomerMessage' | 'ProviderReply' | 'BotHandoff', at: bigint) => ({ id, contractId, kind: { [kind]: null }, at });

export function chunks<T>(xs: T[], n: number): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
    return out;
}
