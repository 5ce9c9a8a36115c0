import { formatBaseUnits, formatBps, formatHours } from '@/lib/format';
import type { OrderSummary as Summary } from '@/lib/money';

/** Every line of an order, summing to the total that leaves the wallet. */
export function OrderSummary({ s, amt, method }: { s: Summary; amt: (v: bigint) => string; method: 'wallet' | 'icpay' }) {
    const line = (label: string, v: bigint, testId: string, note?: string) => (
        <tr data-testid={testId}>
            <th scope="row">
                {label}
                {note && <span className="muted"> {note}</span>}
            </th>
            <td className="num" title={formatBaseUnits(v)} data-amount={v.toString()}>
                {amt(v)}
            </td>
        </tr>
    );
    return (
        <table className="order-summary" aria-label="Order summary">
            <tbody>
                {line(`Price for ${formatHours(s.hours)}`, s.timePrice, 'order-time-price')}
                {s.setupFee > 0n && line('Setup fee', s.setupFee, 'order-setup-fee')}
                {line('Into escrow', s.price, 'order-price')}
                {s.icpay !== undefined && (
                    <>
                        {line('ICPay platform fee', s.icpay.platformFee, 'order-icpay-platform-fee')}
                        {line('ICPay relay fee', s.icpay.relayFee, 'order-icpay-relay-fee')}
                        {line('Ledger fee (ICPay to escrow)', s.icpay.forwardFee, 'order-icpay-forward-fee')}
                        {s.icpay.arrives > s.price && line('Rounding surplus', s.icpay.arrives - s.price, 'order-icpay-surplus', '(back to your balance)')}
                    </>
                )}
                {line(
                    method === 'wallet' ? `Ledger fees (${s.ledgerFeeCount}: approve + transfer)` : 'Ledger fee (transfer to ICPay)',
                    s.ledgerFees,
                    'order-ledger-fees'
                )}
            </tbody>
            <tfoot>
                <tr data-testid="order-total">
                    <th scope="row">Total leaving your wallet</th>
                    <td className="num" title={formatBaseUnits(s.total)} data-amount={s.total.toString()}>
                        <strong>{amt(s.total)}</strong>
                    </td>
                </tr>
                <tr data-testid="order-platform-fee">
                    <td colSpan={2} className="muted">
                        Platform fee {formatBps(s.feeBps)}: {amt(s.platformFee)}, included in the price and taken from the provider's earnings as time is served (not charged on top).
                        {method === 'icpay' &&
                            (s.icpay !== undefined
                                ? ` You pay ICPay ${amt(s.icpay.gross)}; after its fees ${amt(s.icpay.arrives)} reaches the escrow, which books exactly what arrives.`
                                : " ICPay's fees could not be read: they are deducted before the escrow, which books only what arrives.")}
                    </td>
                </tr>
            </tfoot>
        </table>
    );
}
