import { Card, Stat, StatGrid } from '@/components/ui';
import { formatDuration } from '@/lib/format';
import type { TrustProfile } from '../types';

/** The provider's chat responsiveness as the trust record measured it. */
export function ResponseStats({ t }: { t: TrustProfile }) {
    return (
        <StatGrid>
            <Stat label="Median first response" value={t.firstResponseMedianSecs === undefined ? 'no data' : formatDuration(t.firstResponseMedianSecs)} />
            <Stat label="90th percentile" value={t.firstResponseP90Secs === undefined ? '—' : formatDuration(t.firstResponseP90Secs)} />
            <Stat label="Conversations measured" value={t.responseSamples} />
            <Stat label="Response SLA breaches" value={t.slaBreaches} />
        </StatGrid>
    );
}

/** The provider console's card: its responsiveness and its open flags. */
export function ResponseFigures({ t }: { t: TrustProfile }) {
    return (
        <Card title="Response figures">
            <ResponseStats t={t} />
            {t.flags.length > 0 && (
                <ul className="flags" style={{ marginTop: '0.75rem' }}>
                    {t.flags.map((f) => (
                        <li key={f.code} className={f.critical ? 'flag-critical' : 'flag-warning'}>
                            {f.message}
                        </li>
                    ))}
                </ul>
            )}
        </Card>
    );
}
