import { Link } from 'react-router';
import type { ReactNode } from 'react';
import { DataTable, type Column } from '@/components/ui';
import { paths } from '@/config/paths';
import { formatDateTime, isoTime } from '@/lib/format';
import { receiptKindOf, transferKindOf, type Movement } from '../types';
import { TokenAmount } from './token-amount';

/** What a movement is, in words, from the viewer's side. */
export function describeMovement(m: Movement, viewer: string | undefined): string {
    const mine = viewer !== undefined && m.account === viewer;
    const t = transferKindOf(m);
    const what = t === 'Refund' ? 'Refund' : t === 'Withdrawal' ? 'Payout' : t === 'FeeWithdrawal' ? 'Fee withdrawal' : t === 'Return' ? 'Payment in another token sent back' : 'Transfer';
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

function receiptLink(m: Movement, viewer: string | undefined) {
    const receipt = viewer !== undefined && m.account === viewer ? receiptKindOf(m) : undefined;
    if (receipt === undefined) return '—';
    return <Link to={paths.receipt.href(m.seq)}>{receipt === 'payment' ? 'Payment receipt' : receipt === 'refund' ? 'Refund receipt' : 'Payout receipt'}</Link>;
}

/** A fee with what it is, or a dash. */
export function FeeCell({ fee, note }: { fee: bigint; note: ReactNode }) {
    if (fee === 0n) return <>—</>;
    return (
        <>
            <TokenAmount value={fee} /> <span className="muted">{note}</span>
        </>
    );
}

export function contractLink(id: bigint | undefined) {
    return id === undefined ? '—' : <Link to={paths.contract.href(id)}>#{id.toString()}</Link>;
}

function columns(viewer: string | undefined, showContract: boolean): (Column<Movement> | false)[] {
    return [
        { header: 'When', cell: (m) => <time dateTime={isoTime(m.at)}>{formatDateTime(m.at)}</time> },
        { header: 'What', cell: (m) => describeMovement(m, viewer) },
        showContract && { header: 'Contract', cell: (m) => contractLink(m.contractId) },
        { header: 'Amount', num: true, cell: (m) => <TokenAmount value={m.amount} /> },
        { header: 'Fee', num: true, cell: (m) => <FeeCell fee={m.fee} note={feeNote(m)} /> },
        { header: 'Net', num: true, cell: (m) => <TokenAmount value={netOf(m)} />, cellProps: (m) => ({ 'data-testid': `movement-net-${m.seq}` }) },
        { header: 'Ledger block', className: 'mono', cell: (m) => (m.block === undefined ? '—' : m.block.toString()) },
        { header: 'Receipt', cell: (m) => receiptLink(m, viewer) }
    ];
}

/** The books of an account or contract: every movement with its fee, net, ledger block and receipt. */
export function MovementsTable({ rows, viewer, label, showContract = true }: { rows: Movement[]; viewer: string | undefined; label: string; showContract?: boolean }) {
    return (
        <DataTable
            label={label}
            named
            className="movements"
            rows={rows}
            rowKey={(m) => m.seq.toString()}
            rowProps={(m) => ({ 'data-testid': `movement-${m.seq}`, 'data-kind': m.kind })}
            columns={columns(viewer, showContract)}
        />
    );
}
