import { Link, useParams } from 'react-router';
import { Alert, Button, Card, QueryState } from '@/components/ui';
import { env } from '@/config/env';
import { paths } from '@/config/paths';
import { useMarketConfig } from '@/features/wallet/api/get-market-config';
import { useMovements } from '@/features/wallet/api/get-movements';
import { describeMovement, netOf } from '@/features/wallet/components/movements-table';
import { receiptKindOf } from '@/features/wallet/types';
import { useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { formatBaseUnits, formatDateTime, formatTokenAmount } from '@/lib/format';

const TITLES = { payment: 'Payment receipt', refund: 'Refund receipt', payout: 'Payout receipt' } as const;

/** A printable receipt of one payment, refund or payout of the signed-in user. */
export default function ReceiptRoute() {
    const { seq } = useParams();
    const auth = useAuth();
    const movements = useMovements();
    const market = useMarketConfig();
    useDocumentTitle('Receipt');
    if (auth.status !== 'authenticated') {
        return (
            <Card>
                <h1 tabIndex={-1}>Receipt</h1>
                <p>Sign in to see your receipts.</p>
                <Button onClick={() => void auth.signIn()}>Sign in</Button>
            </Card>
        );
    }
    return (
        <QueryState query={movements} label="receipt">
            {(rows) => {
                const m = rows.find((r) => r.seq.toString() === seq);
                const kind = m === undefined ? undefined : receiptKindOf(m);
                if (m === undefined || kind === undefined) {
                    return (
                        <Card>
                            <h1 tabIndex={-1}>Receipt not found</h1>
                            <p>There is no payment, refund or payout #{seq} of yours.</p>
                            <Link to={paths.wallet.href()}>Back to the wallet</Link>
                        </Card>
                    );
                }
                const token = market.data?.tokens.find((t) => t.symbol === m.token);
                const fmt = (v: bigint) => (token === undefined ? formatBaseUnits(v) : formatTokenAmount(v, token.decimals, token.symbol));
                const line = (label: string, value: React.ReactNode, testId?: string) => (
                    <tr>
                        <th scope="row">{label}</th>
                        <td data-testid={testId}>{value}</td>
                    </tr>
                );
                return (
                    <article className="receipt card" aria-labelledby="receipt-title">
                        <header className="page-header">
                            <h1 id="receipt-title" tabIndex={-1}>
                                {TITLES[kind]}
                            </h1>
                            <Button className="no-print" variant="secondary" onClick={() => window.print()}>
                                Print
                            </Button>
                        </header>
                        <table className="receipt-table">
                            <tbody>
                                {line('Issued by', 'TrustCloud marketplace (escrow canister ' + env().marketplaceCanisterId + ')')}
                                {line(kind === 'payment' ? 'Paid by' : 'Paid to', <span className="mono">{m.account}</span>)}
                                {line('Date', formatDateTime(m.at))}
                                {line('What', describeMovement(m, auth.principal))}
                                {m.contractId !== undefined && line('Contract', <Link to={paths.contract.href(m.contractId)}>#{m.contractId.toString()}</Link>)}
                                {line(kind === 'payment' ? 'Amount paid into escrow' : 'Amount', fmt(m.amount), 'receipt-amount')}
                                {kind !== 'payment' && line('Ledger fee (borne by the receiver)', fmt(m.fee), 'receipt-fee')}
                                {kind !== 'payment' && line('Received', <strong>{fmt(netOf(m))}</strong>, 'receipt-net')}
                                {line('Token ledger', token?.ledger ?? m.token)}
                                {line('Ledger block', m.block === undefined ? '—' : m.block.toString(), 'receipt-block')}
                                {line('Journal entry', `#${m.seq.toString()}${m.ref ? ` (${m.ref})` : ''}`)}
                            </tbody>
                        </table>
                        {kind === 'payment' && <Alert tone="info">The ledger fees of the approval and the transfer were paid from your wallet to the ledger, on top of this amount.</Alert>}
                        <p className="no-print">
                            <Link to={paths.wallet.href()}>Back to the wallet</Link>
                        </p>
                    </article>
                );
            }}
        </QueryState>
    );
}
