import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CanisterError } from '@/lib/canister-error';
import { ListingCard } from '../listing-card';

const unlisted = { listedAt: undefined, token: 'ICP', amount: 0n, paying: false };

describe('ListingCard', () => {
    it('tells an unlisted provider why its offerings are not in search, with the fee, and pays it', async () => {
        const onPay = vi.fn();
        render(<ListingCard listing={unlisted} fee="1 ICP" ledgerFee="0.0001 ICP" onPay={onPay} isPending={false} error={null} />);
        expect(screen.getByText('Your offerings are not in search yet')).toBeTruthy();
        expect(screen.getByTestId('listing-status').textContent).toContain('one-time listing fee of 1 ICP (plus the ledger fee of 0.0001 ICP)');
        await userEvent.click(screen.getByRole('button', { name: 'Pay the listing fee (1 ICP)' }));
        expect(onPay).toHaveBeenCalledOnce();
    });

    it('shows a refused payment as an error, and a listed provider without a button', () => {
        const error = new CanisterError('LedgerError', { operation: 'icrc2_transfer_from', message: 'InsufficientAllowance' }, 'payListingFee');
        const { unmount } = render(<ListingCard listing={unlisted} fee="1 ICP" ledgerFee={undefined} onPay={() => undefined} isPending={false} error={error} />);
        expect(screen.getByText('The listing fee was not paid')).toBeTruthy();
        unmount();
        render(<ListingCard listing={{ ...unlisted, listedAt: 1_700_000_000_000_000_000n, amount: 100_000_000n }} fee="1 ICP" ledgerFee={undefined} onPay={() => undefined} isPending={false} error={null} />);
        expect(screen.getByTestId('listing-status').textContent).toMatch(/^Your offerings are in search since /);
        expect(screen.queryByRole('button')).toBeNull();
    });
});
