import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppProvider } from '@/app/provider';
import { createTestRouter } from '@/app/router';
import { BOB, CAROL, fakeActors, offering, testEnv } from '@/test/fake-actors';

const actors = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock('@/lib/agent', () => ({
    anonymousActors: async () => actors.current,
    createAgent: async () => ({}),
    createActors: () => actors.current
}));

function renderRoute(path: string) {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    return render(
        <AppProvider queryClient={queryClient} auth={{ status: 'anonymous' }}>
            <RouterProvider router={createTestRouter(path)} />
        </AppProvider>
    );
}

describe('marketplace route', () => {
    beforeEach(() => {
        testEnv();
        actors.current = fakeActors(
            [offering(1n, BOB, { name: 'Nimbus VPS S', pricePerMonth: 1_200_000_000n }), offering(2n, CAROL, { name: 'Budget VPS', pricePerMonth: 300_000_000n, region: 'Asia' }), offering(3n, BOB, { name: 'Nimbus VPS L', pricePerMonth: 4_800_000_000n, cpuCores: 8, ramMb: 32768 })],
            [
                { provider: BOB, score: 82, critical: false, flags: [] },
                { provider: CAROL, score: 31, critical: true, flags: ['Provisioning failures above 15%'] }
            ]
        );
    });

    it('lists offerings with price, specs and trust badges, cheapest first', async () => {
        renderRoute('/');
        const list = await screen.findByRole('list', { name: 'Offerings' });
        const items = within(list).getAllByRole('article');
        expect(items.map((a) => within(a).getByRole('heading').textContent)).toEqual(['Budget VPS', 'Nimbus VPS S', 'Nimbus VPS L']);
        await waitFor(() => expect(within(items[0]!).getByTestId('trust-score').textContent).toBe('Trust 31/100'));
        expect(within(items[0]!).getByLabelText('1 critical flag')).toBeTruthy();
        expect(within(items[1]!).getByText('12.00 TCY')).toBeTruthy();
        expect(document.title).toBe('Rent a server · TrustCloud');
    });

    it('filters by trust and region, and sorts by trust', async () => {
        const user = userEvent.setup();
        renderRoute('/');
        await screen.findByRole('list', { name: 'Offerings' });
        await waitFor(() => expect(screen.getAllByTestId('trust-score')[0]!.textContent).toMatch(/Trust/));
        await user.type(screen.getByLabelText('Min trust score'), '50');
        await waitFor(() => expect(screen.queryByRole('heading', { name: 'Budget VPS' })).toBeNull());
        expect(screen.getByRole('status').textContent).toMatch(/2 of 3 offerings/);
        await user.clear(screen.getByLabelText('Min trust score'));
        await user.selectOptions(screen.getByLabelText('Region'), 'Asia');
        await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(1));
        await user.selectOptions(screen.getByLabelText('Region'), '');
        await user.selectOptions(screen.getByLabelText('Sort by'), 'trust-desc');
        await waitFor(() => expect(screen.getAllByRole('article').map((a) => within(a).getByRole('heading').textContent)[2]).toBe('Budget VPS'));
    });

    it('shows an error with a retry when the canister cannot be reached', async () => {
        actors.current = { ...fakeActors([], []), marketplace: { searchOfferings: async () => Promise.reject(new Error('connection refused')), getProviders: async () => Promise.reject(new Error('connection refused')), trustCards: async () => [] } };
        renderRoute('/');
        const alert = await screen.findByRole('alert');
        expect(alert.textContent).toMatch(/Could not load offerings/);
        expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
    });

    it("pages through the canister's cursor: a first page, then more on request, with the filter sent to the canister", async () => {
        const all = Array.from({ length: 30 }, (_, i) => offering(BigInt(i + 1), BOB, { name: `Box ${i + 1}`, pricePerMonth: BigInt(100_000_000 + i) }));
        const calls: { offset: number; limit: number; productType: unknown }[] = [];
        const base = fakeActors(all, [{ provider: BOB, score: 82, critical: false, flags: [] }]);
        actors.current = {
            ...base,
            marketplace: {
                ...base.marketplace,
                searchOfferings: async (f: { productType: unknown }, offset: number, limit: number) => {
                    calls.push({ offset, limit, productType: f.productType });
                    return { items: all.slice(offset, offset + limit), total: all.length, next: offset + limit < all.length ? [offset + limit] : [] };
                }
            }
        };
        const user = userEvent.setup();
        renderRoute('/?productType=VPS');
        const list = await screen.findByRole('list', { name: 'Offerings' });
        expect(within(list).getAllByRole('article')).toHaveLength(24);
        expect(screen.getByTestId('offerings-count').textContent).toMatch(/24 of 30 offerings \(first 24 loaded/);
        expect(calls).toEqual([{ offset: 0, limit: 24, productType: [{ VPS: null }] }]);
        await user.click(screen.getByRole('button', { name: 'Show more offerings' }));
        await waitFor(() => expect(within(list).getAllByRole('article')).toHaveLength(30));
        expect(calls.map((c) => c.offset)).toEqual([0, 24]);
        expect(screen.queryByRole('button', { name: 'Show more offerings' })).toBeNull();
    });
});
