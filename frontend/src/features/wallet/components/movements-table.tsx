import { Link } from 'react-router';
import { TableScroll } from '@/components/ui';
import { paths } from '@/config/paths';
import { formatDateTime, isoTime } from '@/lib/format';
import { receiptKindOf, transferKindOf, type Movement } from '../types';
import { TokenAmount } from './token-amount';

/** What a movement is, in words, from the viewer's side. */
export function describeMovement(m: Movement, viewer: string | undefined): string {
    const mine = viewer !== undefined && m.account === viewer;
    const t = transferKindOf(m);
    const what = t === 'Refund' ? 'Refund' : t === 'Withdrawal' ? 'Payout' : t === 'FeeWithdrawal' ? 'Fee withdrawal' : 'Transfer';
    switch (m.kind) {
        case 'Deposit':
            return mine ? 'You paid into escrow' : 'Tenant paid into escrow';
        case 'Release':
            return mine ? 'Released to you (after platform fee)' : 'Released to the provider';
        case 'Refund':
            return mine ? 'Refund credited to you' : 'Refund credited to the tenant';
        case 'SlaCredit':
            return mine ? 'SLA credit to you' : 'SLA credit to the tenant';
        case 'TransferStarted':
            return `${what} sent to the ledger`;
        case 'TransferDone':
            return `${what} arrived in the wallet`;
        case 'TransferFailed':
            return `${what} failed; the amount is back on the balance`;
    }
}

/** What the account holder ends up with from this movement: fees subtracted where money arrives. */
export function netOf(m: Movement): bigint {
    if (m.kind === 'Release' || m.kind === 'TransferDone') return m.amount - m.fee;
    return m.amount;
}

function feeNote(m: Movement) {
    if (m.kind === 'Release' && m.fee > 0n) return <>platform fee</>;
    if (m.kind === 'TransferDone' && m.fee > 0n) return <>ledger fee</>;
    if (m.kind === 'SlaCredit' && m.fee > 0n) return <>platform fee returned</>;
    return null;
}

/** The books of an account or contract: every movement with its fee, net, ledger block and receipt. */
export function MovementsTable({ rows, viewer, label, showContract = true }: { rows: Movement[]; viewer: string | undefined; label: string; showContract?: boolean }) {
    return (
        <TableScroll label={label}>
            <table className="stack-sm movements" aria-label={label}>
                <thead>
                    <tr>
                        <th scope="col">When</th>
                        <th scope="col">What</th>
                        {showContract && <th scope="col">Contract</th>}
                        <th scope="col" className="num">
                            Amount
                        </th>
                        <th scope="col" className="num">
                            Fee
                        </th>
                        <th scope="col" className="num">
                            Net
                        </th>
                        <th scope="col">Ledger block</th>
                        <th scope="col">Receipt</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.map((m) => {
                        const receipt = viewer !== undefined && m.account === viewer ? receiptKindOf(m) : undefined;
                        return (
                            <tr key={m.seq.toString()} data-testid={`movement-${m.seq}`} data-kind={m.kind}>
                                <td data-label="When">
                                    <time dateTime={isoTime(m.at)}>{formatDateTime(m.at)}</time>
                                </td>
                                <td data-label="What">{describeMovement(m, viewer)}</td>
                                {showContract && <td data-label="Contract">{m.contractId === undefined ? '—' : <Link to={paths.contract.href(m.contractId)}>#{m.contractId.toString()}</Link>}</td>}
                                <td data-label="Amount" className="num">
                                    <TokenAmount value={m.amount} />
                                </td>
                                <td data-label="Fee" className="num">
                                    {m.fee > 0n ? (
                                        <>
                                            <TokenAmount value={m.fee} /> <span className="muted">{feeNote(m)}</span>
                                        </>
                                    ) : (
                                        '—'
                                    )}
                                </td>
                                <td data-label="Net" className="num" data-testid={`movement-net-${m.seq}`}>
                                    <TokenAmount value={netOf(m)} />
                                </td>
                                <td data-label="Ledger block" className="mono">{m.block === undefined ? '—' : m.block.toString()}</td>
                                <td data-label="Receipt">{receipt === undefined ? '—' : <Link to={paths.receipt.href(m.seq)}>{receipt === 'payment' ? 'Payment receipt' : receipt === 'refund' ? 'Refund receipt' : 'Payout receipt'}</Link>}</td>
                            </tr>
                        );
                    })}
                </tbody>
            </table>
        </TableScroll>
    );
}
