import { describe, expect, it } from 'vitest';
import { TRANSITIONS, allowedRoles, transition } from '../../src/escrow/domain/state_machine';
import { STATUSES, type Contract, type Role } from '../../src/kernel/records';

const ROLES: Role[] = ['tenant', 'provider', 'relay', 'controller', 'system'];
const c = (status: Contract['status']): Contract => ({
    id: 1n, offeringId: 1n, provider: 'p', tenant: 't', token: 'ICP', status, statusSince: 0n, createdAt: 0n, feeBps: 0,
    quote: null, pendingPull: null, segments: [], total: 0n, deposited: 0n, released: 0n, fee: 0n, refunded: 0n, lastSettled: 0n, connection: '', history: []
});

describe('contract state machine', () => {
    it('matches product.md exactly (the set of from → to pairs)', () => {
        const pairs = Object.entries(TRANSITIONS).flatMap(([f, tos]) => Object.keys(tos!).map((t) => `${f}→${t}`)).sort();
        expect(pairs).toEqual(
            [
                'Requested→Pending', 'Requested→Accepted', 'Requested→Rejected', 'Requested→Cancelled', 'Requested→Expired',
                'Pending→Accepted', 'Pending→Rejected', 'Pending→Cancelled', 'Pending→Expired',
                'Accepted→Provisioning', 'Accepted→ProvisioningFailed', 'Accepted→Rejected', 'Accepted→Cancelled',
                'Provisioning→Provisioned', 'Provisioning→ProvisioningFailed', 'Provisioning→Cancelled',
                'Provisioned→Active', 'Provisioned→Paused', 'Provisioned→Cancelled',
                'Active→Paused', 'Active→Cancelled', 'Active→Expired',
                'Paused→Active', 'Paused→Provisioned', 'Paused→Cancelled', 'Paused→Expired'
            ].sort()
        );
    });

    it('terminal states have no way out', () => {
        for (const s of ['Rejected', 'Cancelled', 'Expired', 'ProvisioningFailed'] as const) expect(TRANSITIONS[s]).toBeUndefined();
    });

    // Every (from, to, role): allowed exactly when the table says so, with a typed error otherwise.
    for (const from of STATUSES) {
        for (const to of STATUSES) {
            for (const role of ROLES) {
                const allowed = allowedRoles(from, to).includes(role);
                it(`${from} → ${to} by ${role}: ${allowed ? 'allowed' : 'InvalidTransition'}`, () => {
                    const r = transition(c(from), to, { principal: 'x', role }, 42n, 'n');
                    if (allowed) {
                        expect('Ok' in r && r.Ok.status).toBe(to);
                        if ('Ok' in r) expect(r.Ok.history.at(-1)).toEqual({ status: to, actor: 'x', role, at: 42n, note: 'n' });
                    } else {
                        expect(r).toEqual({ Err: { InvalidTransition: { from, to, actor: role } } });
                    }
                });
            }
        }
    }
});
