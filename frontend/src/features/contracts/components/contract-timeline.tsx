import { formatDateTime, isoTime, shortPrincipal } from '@/lib/format';
import { statusLabel, type StatusChange } from '../types';

export function ContractTimeline({ history }: { history: StatusChange[] }) {
    return (
        <ol className="timeline" aria-label="Status history">
            {history.map((h, i) => (
                <li key={`${h.at}-${i}`}>
                    <strong>{statusLabel[h.status]}</strong>{' '}
                    <time dateTime={isoTime(h.at)} className="muted">
                        {formatDateTime(h.at)}
                    </time>
                    <div className="muted" style={{ fontSize: '0.88rem' }}>
                        by the {h.role} {h.role !== 'system' && <span className="mono">{shortPrincipal(h.actor)}</span>}
                        {h.note && <> — {h.note}</>}
                    </div>
                </li>
            ))}
        </ol>
    );
}
