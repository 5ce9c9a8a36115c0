// Stable storage of the trust domain. Memory ids 40–57, 70, 71 (wake-ups), 72 and 73 (standing, circles), claimed in the trust range of
// kernel/memory.ts (the market owns 0–19). Values are plain JSON (no bigints are stored: amounts
// are decimal text), written with the engine's native JSON rather than Azle's per-key replacer.
import { frameText, fromUtf8, textKey, unframeText, type Serializable } from '../platform/codec';
import { stableSorted, StableTable } from '../platform/stable';
import type { SortedKeys } from '../kernel/kv';
import { claim } from '../kernel/memory';
import { recordLayout } from '../kernel/record';
import type { TrustStore } from './keeper/state';
import type { Table } from '../kernel/kv';

const IDS = {
    reporters: 40,
    seen: 41,
    providers: 42,
    contracts: 43,
    minutes: 44,
    feedback: 45,
    tenants: 46,
    offerings: 47,
    market: 48,
    benchmarks: 49,
    events: 50,
    history: 51,
    scores: 52,
    sla: 53,
    monitors: 54,
    certified: 55,
    serving: 56,
    payers: 57,
    histories: 70,
    standing: 72,
    circles: 73
} as const satisfies Record<keyof TrustStore, number>;
/** Claimed in the canister's memory map at start-up: an id shared with the market refuses to start. */
export const TRUST_MEMORY = Object.fromEntries(Object.entries(IDS).map(([name, id]) => [name, claim('trust', name, id)])) as typeof IDS;

/**
 * Values are written as the market's records are: JSON framed as a Candid `text` by the runtime's
 * native encoder (a JS loop over the characters cost ≈ 1 M instructions per provider record),
 * under the table's layout version (kernel/record.ts: all are version 1, plain JSON; a newer
 * version, left by a downgrade, is refused). Records of the earlier layout (raw UTF-8 JSON,
 * never starting with "DIDL") are still read.
 */
const isFramed = (b: Uint8Array): boolean => b.length > 4 && b[0] === 0x44 && b[1] === 0x49 && b[2] === 0x44 && b[3] === 0x4c;
function json<V>(table: keyof TrustStore): Serializable<V> {
    const layout = recordLayout<V>(`trust ${table}`, 1, (v) => v, (j) => j);
    return {
        toBytes: (v) => frameText(layout.write(v)),
        fromBytes: (b) => layout.read(isFramed(b) ? unframeText(b) : fromUtf8(b))
    };
}

/** The wake-up index (keeper/wake.ts): fixed-width keys `<seconds>|<provider>` in time order. */
const WAKEUPS = claim('trust', 'wakeups', 71);
export const stableWakeups = (): SortedKeys => stableSorted(WAKEUPS);

export function stableTrustStore(): TrustStore {
    const t = <V>(name: keyof TrustStore): Table<string, V> => new StableTable<string, V>(TRUST_MEMORY[name], textKey, json<V>(name));
    return {
        reporters: t('reporters'),
        seen: t('seen'),
        providers: t('providers'),
        contracts: t('contracts'),
        minutes: t('minutes'),
        feedback: t('feedback'),
        tenants: t('tenants'),
        offerings: t('offerings'),
        market: t('market'),
        benchmarks: t('benchmarks'),
        events: t('events'),
        history: t('history'),
        scores: t('scores'),
        sla: t('sla'),
        monitors: t('monitors'),
        certified: t('certified'),
        serving: t('serving'),
        payers: t('payers'),
        histories: t('histories'),
        standing: t('standing'),
        circles: t('circles')
    };
}
