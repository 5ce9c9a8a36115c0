import { Alert, Button, Card } from '@/components/ui';
import { errorMessage } from '@/lib/canister-error';
import { formatDateTime } from '@/lib/format';
import type { ProviderListing } from '../types';

/**
 * Whether the provider's offerings are in search, and the one-time listing fee that puts them
 * there: a place on the first page is what a flood of free accounts would take from honest
 * providers, so it has a price (paid into the platform's fee account, not refunded).
 */
export function ListingCard({ listing, fee, ledgerFee, onPay, isPending, error }: { listing: ProviderListing; fee: string | undefined; ledgerFee: string | undefined; onPay: () => void; isPending: boolean; error: unknown }) {
    if (listing.listedAt !== undefined) {
        return (
            <Card title="Listing">
                <p data-testid="listing-status">Your offerings are in search since {formatDateTime(listing.listedAt)}.</p>
            </Card>
        );
    }
    return (
        <Card title="Listing">
            <Alert tone="warning" title="Your offerings are not in search yet">
                <p data-testid="listing-status">
                    New providers pay a one-time listing fee{fee === undefined ? '' : ` of ${fee}`}
                    {ledgerFee === undefined ? '' : ` (plus the ledger fee of ${ledgerFee})`} before their offerings appear in the marketplace's search. It
                    keeps free accounts from filling the first page ahead of honest providers, and is not refunded. You can create and edit offerings
                    meanwhile; tenants can still rent them by their link.
                </p>
                {listing.paying && <p>A payment of the fee is in progress or its outcome is unknown: paying again completes it and never charges twice.</p>}
            </Alert>
            {error != null && (
                <Alert tone="error" title="The listing fee was not paid">
                    {errorMessage(error)}
                </Alert>
            )}
            <Button onClick={onPay} isLoading={isPending}>
                Pay the listing fee{fee === undefined ? '' : ` (${fee})`}
            </Button>
        </Card>
    );
}
