import { render, screen } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { Principal } from '@dfinity/principal';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppProvider } from '@/app/provider';
import { createTestRouter } from '@/app/router';
import { BOB, fakeActors, offering, testEnv } from '@/test/fake-actors';

const actors = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock('@/lib/agent', () => ({
    anonymousActors: async () => actors.current,
    createAgent: async () => ({}),
    createActors: () => actors.current
}));

const TENANT = Principal.fromText('2vxsx-fae');
const STRANGER = Principal.fromText('aaaaa-aa');

function contract(over: Record<string, unknown> = {}) {
    return {
        id: 8n,
        offeringId: 1n,
        provider: BOB,
        tenant: TENANT,
        token: 'TCY',
        status: { Requested: null },
        statusSince: 1n,
        createdAt: 1n,
        quote: [{ hours: 24, amount: 40_000_000n, setupFee: 0n }],
        segments: [],
        total: 0n,
        deposited: 0n,
        released: 0n,
        refunded: 0n,
        fee: 0n,
        feeBps: 100,
        connection: [],
        history: [],
        historyOmitted: 0,
        end: 0n,
        lastSettled: 0n,
        pendingPull: [],
        ...over
    };
}

function renderAs(who: Principal, path: string) {
    const base = fakeActors([offering(1n, BOB, { name: 'Nimbus VPS S' })], []);
    const a = {
        ...base,
        marketplace: {
            ...base.marketplace,
            // The canister's read rule: a contract only for its tenant and provider, "none" for anyone else.
            getContract: async () => (who.toText() === TENANT.toText() || who.toText() === BOB.toText() ? [contract()] : []),
            getOffering: async () => [offering(1n, BOB, { name: 'Nimbus VPS S' })],
            getProvider: async () => [],
            contractSignals: async () => [],
            contractBalance: async () => [{ deposited: 0n, released: 0n, refunded: 0n, held: 0n, earnedNow: 0n, releasableNow: 0n, unearnedNow: 0n, due: 40_000_000n }],
            journal: async () => ({ items: [], total: 0, next: [] }),
            listContracts: async () => ({ items: [], total: 0, next: [] }),
            getConfig: async () => ({ feeBps: 100, tokens: [] })
        },
        ledger: { ...base.ledger, icrc1_balance_of: async () => 0n }
    };
    actors.current = a;
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    return render(
        <AppProvider queryClient={queryClient} auth={{ status: 'authenticated', identity: { getPrincipal: () => who } as never, actors: a as never }}>
            <RouterProvider router={createTestRouter(path)} />
        </AppProvider>
    );
}

describe('contract route', () => {
    beforeEach(() => testEnv());

    it('shows "not found" to anyone but the tenant and the provider, with no contract data', async () => {
        renderAs(STRANGER, '/contracts/8');
        expect(await screen.findByTestId('contract-not-found', {}, { timeout: 5_000 })).toBeTruthy();
        expect(screen.queryByText(/Nimbus VPS S/)).toBeNull();
        expect(screen.queryByText(TENANT.toText())).toBeNull();
        expect(document.title).toMatch(/Contract not found/);
    });

    it('offers "Pay now" with the amount due to the tenant of an unpaid contract', async () => {
        renderAs(TENANT, '/contracts/8');
        expect(await screen.findByRole('button', { name: 'Pay now' }, { timeout: 5_000 })).toBeTruthy();
        expect(screen.getByText(/0.40 TCY for 24 hours is not paid yet/)).toBeTruthy();
    });

    it('shows the provider the contract in provider wording, without tenant actions', async () => {
        renderAs(BOB, '/contracts/8');
        await screen.findByRole('heading', { name: 'Contract #8' });
        expect(screen.queryByRole('button', { name: 'Pay now' })).toBeNull();
        expect(await screen.findByText('Refunded to the tenant')).toBeTruthy();
    });
});
