import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { CanisterError } from '@/lib/canister-error';
import { CheckoutDialog } from '../checkout-dialog';
import type { CheckoutDeps } from '../../checkout-flow';

const options = {
    pricePerMonth: 720_000_000n,
    setupFee: 0n,
    minHours: 1,
    maxHours: 2160,
    ledgerFee: 10_000n,
    trustWarning: ['The provider has a critical flag: provisioning failures above 15%.'],
    icpayAvailable: false
};

function setup(deps: Partial<CheckoutDeps> = {}) {
    const d: CheckoutDeps = {
        requestContract: vi.fn(async (hours: number) => ({ contractId: 5n, due: BigInt(hours) * 1_000_000n })),
        approve: vi.fn(async () => undefined),
        fund: vi.fn(async () => undefined),
        ...deps
    };
    render(
        <MemoryRouter>
            <CheckoutDialog open onClose={() => undefined} offeringName="Budget VPS" options={options} deps={d} token={{ symbol: 'TCY', decimals: 8 }} />
        </MemoryRouter>
    );
    return d;
}

describe('checkout dialog', () => {
    it('warns about low trust before review, then pays with progress', async () => {
        const user = userEvent.setup();
        const d = setup();
        await user.click(screen.getByRole('button', { name: '1 day' }));
        expect(screen.getByTestId('checkout-price').textContent).toBe('0.24 TCY');
        await user.click(screen.getByRole('button', { name: 'Continue' }));
        expect(screen.getByRole('alert').textContent).toMatch(/critical flag/);
        const next = screen.getByRole('button', { name: 'Continue' });
        expect((next as HTMLButtonElement).disabled).toBe(true);
        await user.click(screen.getByLabelText(/I understand the risk/));
        await user.click(screen.getByRole('button', { name: 'Continue' }));
        await user.click(screen.getByRole('button', { name: /^Pay 0.2402 TCY/ }));
        await screen.findByText('Paid into escrow');
        expect(d.approve).toHaveBeenCalledWith(24_010_000n);
        expect(d.fund).toHaveBeenCalledWith(5n);
    });

    it('shows a typed canister error and retries from the failed step', async () => {
        const user = userEvent.setup();
        let fail = true;
        const d = setup({
            fund: vi.fn(async () => {
                if (fail) {
                    fail = false;
                    throw new CanisterError('InsufficientLedgerBalance', { balance: 0n, required: 1n });
                }
            })
        });
        await user.click(screen.getByRole('button', { name: 'Continue' }));
        await user.click(screen.getByLabelText(/I understand the risk/));
        await user.click(screen.getByRole('button', { name: 'Continue' }));
        await user.click(screen.getByRole('button', { name: /^Pay / }));
        const err = await screen.findByTestId('checkout-error');
        expect(err.textContent).toMatch(/Moving the payment into escrow failed: The marketplace's ledger account does not cover this yet/);
        await user.click(screen.getByRole('button', { name: 'Retry' }));
        await waitFor(() => expect(screen.getByText('Paid into escrow')).toBeTruthy());
        expect(d.requestContract).toHaveBeenCalledTimes(1);
    });

    it('rejects a duration outside the offering limits', async () => {
        const user = userEvent.setup();
        setup();
        const hours = screen.getByLabelText('Hours');
        await user.clear(hours);
        await user.type(hours, '5000');
        expect(screen.getByText('The provider rents for at most 2160 hours.')).toBeTruthy();
        expect((screen.getByRole('button', { name: 'Continue' }) as HTMLButtonElement).disabled).toBe(true);
    });
});
