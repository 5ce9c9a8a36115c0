import type { ReactNode } from 'react';
import { Stat, StatGrid } from '@/components/ui';

export interface EscrowFigures {
    paid: bigint;
    released: bigint;
    refunded: bigint;
    /** Still in escrow. */
    remaining: bigint;
    /** Earned by now but not yet released (released at the next settlement). */
    earnedUnreleased?: bigint;
    due?: bigint;
}

function pct(part: bigint, whole: bigint): string {
    if (whole <= 0n) return '0%';
    return `${Number((part * 10_000n) / whole) / 100}%`;
}

/** Paid = released + refunded + remaining, as numbers and as a bar. */
export function EscrowSummary({ figures, amount }: { figures: EscrowFigures; amount: (v: bigint) => ReactNode }) {
    const { paid, released, refunded, remaining } = figures;
    return (
        <div>
            <StatGrid label="Escrow">
                <Stat label="Paid" value={<span data-testid="escrow-paid">{amount(paid)}</span>} />
                <Stat label="Released to provider" value={<span data-testid="escrow-released">{amount(released)}</span>} />
                <Stat label="Refunded to you" value={<span data-testid="escrow-refunded">{amount(refunded)}</span>} />
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
