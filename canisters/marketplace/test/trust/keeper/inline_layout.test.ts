// Provider records of the layout that kept every running contract and tenant inline are split into
// their own records on the first update, with the same evidence as before.
import { CREDIT_FLOOR } from '../../../src/trust/domain/independence';
import { describe, expect, it } from 'vitest';
import { applyStatusChange } from '../../../src/trust/domain/contracts';
import { emptyContractStats, TENANT_CAP_MONTHS } from '../../../src/trust/domain/contract_records';
import { evidenceOf } from '../../../src/trust/domain/evidence';
import { emptyProviderTrust, normaliseProvider, type ProviderTrust } from '../../../src/trust/keeper/state';

const D = 86_400;

function inlineRecord(): ProviderTrust {
    const { evidence: _evidence, ...counters } = emptyContractStats();
    const contracts = {
        ...counters,
        provisioned: 3,
        running: 2,
        completed: 1,
        payers: {
            alice: { contracts: 2, served: 1, weight: 1, servedSeconds: 30 * D, value: '300', answers: 1 },
            bob: { contracts: 1, served: 0, weight: 0, servedSeconds: 0, value: '0', answers: 0 }
        },
        serving: {
            a2: { tenant: 'alice', start: 30 * D, end: 200 * D, monthlyTokens: 10, value: '500' },
            b1: { tenant: 'bob', start: 0, end: 200 * D, monthlyTokens: 10, value: '200' }
        }
    };
    return { ...emptyProviderTrust('p'), contracts } as unknown as ProviderTrust;
}

describe('provider records of the inline layout', () => {
    it('become totals plus one record per running contract and per tenant', () => {
        const n = normaliseProvider(inlineRecord(), 45 * D);
        expect(n.serving.map(([id]) => id).sort()).toEqual(['a2', 'b1']);
        expect(n.payers.map(([k]) => k).sort()).toEqual(['p|alice', 'p|bob']);
        expect(n.payers.find(([k]) => k === 'p|alice')?.[1]).toMatchObject({ answers: 1, running: 1, startSum: 30 * D });
        const e = evidenceOf(n.provider.contracts, 60 * D);
        // alice: 30 days closed + 30 running; bob: 60 running.
        expect(e).toMatchObject({ payers: 2, servedSeconds: 120 * D, topTimeShare: 0.5, topValueShare: 0.8 });
        // Their independence is unknown (no history was kept then): each counts at the floor credit.
        expect(e.months).toBeCloseTo(4 * CREDIT_FLOOR, 6);
        expect(e.independent).toBe(0);
        expect(evidenceOf(n.provider.contracts, 180 * D).months).toBeLessThanOrEqual(2 * TENANT_CAP_MONTHS);
    });

    it('a running contract of the old record ends from its own record', () => {
        const n = normaliseProvider(inlineRecord(), 45 * D);
        const serving = Object.fromEntries(n.serving);
        const payers = Object.fromEntries(n.payers);
        const out = applyStatusChange(
            n.provider.contracts,
            { contractId: 'b1', tenant: 'bob', from: 'running', to: 'completed', at: 60 * D, paid: true, startedAt: 0, plannedStart: 0, plannedEnd: 60 * D, value: 200n, monthlyTokens: 10 },
            serving['b1'],
            payers['p|bob']
        );
        expect(out?.serving).toBeNull();
        expect(out?.payer).toMatchObject({ running: 0, served: 1, servedSeconds: 60 * D });
        expect(out?.stats.evidence.running).toBe(1);
        expect(evidenceOf(out!.stats, 60 * D).servedSeconds).toBe(120 * D);
    });

    it('records of the current layout pass unchanged', () => {
        const p = emptyProviderTrust('p');
        expect(normaliseProvider(p, 0)).toEqual({ provider: p, serving: [], payers: [] });
    });
});
