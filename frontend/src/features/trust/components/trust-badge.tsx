import { Badge } from '@/components/ui';
import { trustTone, type TrustFlag } from '../types';

/** Score badge on listings: tone by score, a mark when a critical flag is set. */
export function TrustBadge({ score, flags }: { score: number | undefined; flags?: TrustFlag[] }) {
    if (score === undefined) return <Badge tone="neutral">Trust: no data</Badge>;
    const critical = flags?.filter((f) => f.critical) ?? [];
    const tone = critical.length > 0 ? 'bad' : trustTone(score);
    const title = critical.length > 0 ? `Critical: ${critical.map((f) => f.message).join('; ')}` : undefined;
    return (
        <Badge tone={tone} title={title}>
            <span data-testid="trust-score">Trust {score}/100</span>
            {critical.length > 0 && (
                <span role="img" aria-label={`${critical.length} critical flag${critical.length > 1 ? 's' : ''}`}>
                    ⚠
                </span>
            )}
        </Badge>
    );
}
