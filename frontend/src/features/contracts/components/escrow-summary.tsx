import type { ReactNode } from 'react';
import { Stat, StatGrid } from '@/components/ui';
import { formatBps } from '@/lib/format';

export interface EscrowFigures {
    paid: bigint;
    released: bigint;
    refunded: bigint;
    /** Still in escrow. */
    remaining: bigint;
    /** Earned by now but not yet released (released at the next settlement). */
    earnedUnreleased?: bigint;
    due?: bigint;
    /** Platform fee taken from the releases so far. */
    platformFee?: bigint;
    feeBps?: number;
    /** The refund transfers that reached the tenant's wallet: sent, and the ledger fees taken from them. */
    refundArrived?: { sent: bigint; fee: bigint };
}

function pct(part: bigint, whole: bigint): string {
    if (whole <= 0n) return '0%';
    return `${Number((part * 10_000n) / whole) / 100}%`;
}

/** Paid = released + refunded + remaining (exact figures, so they add up), as numbers and as a bar. */
export function EscrowSummary({ figures, amount, role = 'tenant' }: { figures: EscrowFigures; amount: (v: bigint) => ReactNode; role?: 'tenant' | 'provider' }) {
    const { paid, released, refunded, remaining } = figures;
    const fee = figures.platformFee ?? 0n;
    return (
        <div>
            <StatGrid label="Escrow">
                <Stat label="Paid" value={<span data-testid="escrow-paid">{amount(paid)}</span>} />
                <Stat
                    label={role === 'provider' ? 'Released to you' : 'Released to provider'}
                    value={<span data-testid="escrow-released">{amount(released)}</span>}
                    hint={
                        fee > 0n ? (
                            <span data-testid="escrow-platform-fee">
                                {amount(released - fee)} to the provider + {amount(fee)} platform fee ({formatBps(figures.feeBps ?? 0)})
                            </span>
                        ) : undefined
                    }
                />
                <Stat
                    label={role === 'provider' ? 'Refunded to the tenant' : 'Refunded to you'}
                    value={<span data-testid="escrow-refunded">{amount(refunded)}</span>}
                    hint={
                        figures.refundArrived !== undefined && figures.refundArrived.sent > 0n ? (
                            <span data-testid="escrow-refund-arrived">
                                {amount(figures.refundArrived.sent - figures.refundArrived.fee)} arrived in the wallet: {amount(figures.refundArrived.sent)} sent − {amount(figures.refundArrived.fee)} ledger fee
                            </span>
                        ) : undefined
                    }
                />
                <Stat
                    label="Remaining in escrow"
                    value={<span data-testid="escrow-remaining">{amount(remaining)}</span>}
                    hint={figures.earnedUnreleased !== undefined && figures.earnedUnreleased > 0n ? <>of which {amount(figures.earnedUnreleased)} earned, released at the next settlement</> : undefined}
                />
                {figures.due !== undefined && figures.due > 0n && <Stat label="Awaiting payment" value={amount(figures.due)} />}
            </StatGrid>
            {paid > 0n && (
                <>
                    <div className="escrow-bar" aria-hidden="true">
                        <span className="seg-released" style={{ width: pct(released, paid) }} />
                        <span className="seg-refunded" style={{ width: pct(refunded, paid) }} />
                        <span className="seg-held" style={{ width: pct(remaining, paid) }} />
                    </div>
                    <ul className="legend" aria-hidden="true">
                        <li>
                            <i className="seg-released" />
                            Released
                        </li>
                        <li>
                            <i className="seg-refunded" />
                            Refunded
                        </li>
                        <li>
                            <i className="seg-held" />
                            In escrow
                        </li>
                    </ul>
                </>
            )}
        </div>
    );
}
