// The only writer of the trust tables: every trust state change is planned as TrustEffects and
// written here — the market calls first (their outcome completes the SLA records), then the tables
// in a fixed order (the wake-up index follows the provider records), then the certified data when a
// certified summary changed.
import { describeError } from '../../kernel/error';
import { rootHash } from '../certify/summaries';
import { writeTables } from '../../kernel/unit_of_work';
import type { CreditResult, MarketReader } from '../ports';
import type { SlaCreditCall, TrustEffects } from './effects';
import type { SortedKeys } from '../../kernel/kv';
import type { SlaRecord, TrustStore } from './state';
import { wakeChange } from './wake';
import type { TableName } from './view';

/** Records first, then what is derived from them (score history, latest scores, the certification trie). */
export const TABLE_ORDER: readonly TableName[] = ['reporters', 'seen', 'contracts', 'serving', 'payers', 'histories', 'standing', 'circles', 'providers', 'minutes', 'feedback', 'tenants', 'offerings', 'market', 'benchmarks', 'events', 'monitors', 'sla', 'history', 'scores', 'certified'];

export interface TrustStorage {
    store: TrustStore;
    market: MarketReader;
    /** Sets the canister's certified data. */
    certify(root: Uint8Array): void;
    /** When each provider's flags next change with time alone (keeper/wake.ts). */
    wakeups: SortedKeys;
}

/** The SLA record once the market answered the credit. */
export function creditedRecord(c: SlaCreditCall, r: CreditResult): SlaRecord {
    if ('Err' in r) return { ...c.record, paid: false, credited: '0', note: `not credited: ${describeError(r.Err)}` };
    const credited = r.Ok.credited;
    const note = !c.closed ? 'credited from escrow' : credited < c.amount ? `partly credited from the provider's release of the period (${credited})` : "credited from the provider's release of the period";
    return { ...c.record, paid: true, credited: credited.toString(), note };
}

/** Writes the effects; returns each planned SLA record with its final outcome (same order as the calls). */
export function applyTrust(s: TrustStorage, e: TrustEffects): Map<SlaRecord, SlaRecord> {
    // Parts are walked only when present (a for-of costs ≈ 3k instructions even over nothing).
    if (e.reporterRoles.length > 0) for (const r of e.reporterRoles) s.market.setReporterRoles(r.principal, r.roles, r.by);
    const credited = new Map<SlaRecord, SlaRecord>();
    if (e.credits.length > 0)
        for (const c of e.credits) {
            const rec = creditedRecord(c, s.market.creditTenant(c.contractId, c.amount, c.ref, c.period));
            credited.set(c.record, rec);
            e.writes.put('sla', c.key, rec);
        }
    // The wake-up index follows the provider records: what each had in the store, what it gets.
    const wakes: [string | null, string | null][] = [];
    e.writes.written('providers').forEach((v, k) => wakes.push(wakeChange(s.store.providers.get(k), v)));
    writeTables(s.store, e.writes, TABLE_ORDER);
    for (let i = 0; i < wakes.length; i++) {
        const [gone, added] = wakes[i]!;
        if (gone !== null) s.wakeups.remove(gone);
        if (added !== null) s.wakeups.add(added);
    }
    if (e.certified) s.certify(rootHash(s.store.certified));
    return credited;
}

/** Drops wake-up entries that were run (apply moved each woken provider's entry to its next deadline). */
export function dropWakes(s: Pick<TrustStorage, 'wakeups'>, keys: readonly string[]): void {
    for (const k of keys) s.wakeups.remove(k);
}
