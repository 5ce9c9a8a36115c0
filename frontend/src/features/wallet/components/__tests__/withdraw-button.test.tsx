import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppProvider } from '@/app/provider';
import { fakeActors, testEnv } from '@/test/fake-actors';
import { WithdrawButton } from '../withdraw-button';

const actors = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock('@/lib/agent', () => ({ anonymousActors: async () => actors.current, createAgent: async () => ({}), createActors: () => actors.current }));

describe('withdraw button', () => {
    beforeEach(() => testEnv());

    it('confirms amount, fee and what arrives; withdraws exactly the confirmed amount once, however often it is pressed', async () => {
        let release: () => void = () => undefined;
        const withdraw = vi.fn(
            (_token: string, amount: [] | [bigint]) =>
                new Promise((resolve) => {
                    release = () => resolve({ Ok: { id: 1n, amount: amount[0], ledgerFee: 10_000n, status: { Done: null }, block: [42n] } });
                })
        );
        const base = fakeActors([], []);
        const a = { ...base, marketplace: { ...base.marketplace, withdraw } };
        actors.current = a;
        render(
            <AppProvider queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} auth={{ status: 'authenticated', actors: a as never }}>
                <WithdrawButton token="TCY" amount={38_171_407n} ledgerFee={10_000n} />
            </AppProvider>
        );
        const user = userEvent.setup();
        await user.click(screen.getByRole('button', { name: 'Withdraw to my wallet' }));
        expect((await screen.findByTestId('withdraw-arrives')).textContent).toBe('0.38161407 TCY');
        const confirm = screen.getByRole('button', { name: /^Withdraw 0.38171407 TCY/ });
        await user.dblClick(confirm);
        await user.click(confirm);
        release();
        expect((await screen.findByTestId('withdraw-result')).textContent).toBe('0.38161407 TCY received: 0.38171407 TCY withdrawn − 0.0001 TCY ledger fee (ledger block 42).');
        expect(withdraw).toHaveBeenCalledTimes(1);
        expect(withdraw).toHaveBeenCalledWith('TCY', [38_171_407n]);
    });
});
