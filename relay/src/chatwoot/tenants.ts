import type Database from 'better-sqlite3';
import { prepared } from '../outbox/prepared.js';
import type { ChatwootEffects } from './signals.js';

/** Remembers each contract's tenant (from the canister's contract list; a tenant never changes). */
export function recordTenants(db: Database.Database, contracts: readonly { contractId: string; tenantId: string }[]): void {
    const insert = prepared(db, 'INSERT INTO contract_tenants (contract_id, tenant_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
    for (const c of contracts) insert.run(c.contractId, c.tenantId);
}

/**
 * A conversation counts towards a contract's responsiveness only when its verified contact is the
 * contract's tenant. The relay hands out contract identities to tenants only, so this is the second
 * lock: without it a leaked identity hash would let anyone file "unanswered" messages against a
 * provider. Until the relay has listed a new contract (one sync interval) its tenant is unknown and
 * the signals are kept. The help bot still answers either way.
 */
export function withoutForeignSignals(db: Database.Database, effects: ChatwootEffects): { effects: ChatwootEffects; refused: number } {
    const contractId = effects.events[0]?.contractId ?? effects.waiting?.contractId;
    if (contractId === undefined) return { effects, refused: 0 };
    const row = prepared(db, 'SELECT tenant_id FROM contract_tenants WHERE contract_id = ?').get(contractId) as { tenant_id: string } | undefined;
    if (row === undefined || row.tenant_id === effects.customer) return { effects, refused: 0 };
    return { effects: { ...effects, events: [], waiting: null }, refused: effects.events.length };
}
