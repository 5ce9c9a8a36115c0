import { formatDateTime, isoTime, shortPrincipal } from '@/lib/format';
import { statusLabel, type StatusChange } from '../types';

/** The canister keeps the first and the latest changes; the ones in between are only counted, shown after the first. */
export function ContractTimeline({ history, omitted = 0 }: { history: StatusChange[]; omitted?: number }) {
    return (
        <ol className="timeline" aria-label="Status history">
            {history.map((h, i) => (
                <Entry key={`${h.at}-${i}`} h={h} omittedAfter={i === 0 ? omitted : 0} />
            ))}
        </ol>
    );
}

function Entry({ h, omittedAfter }: { h: StatusChange; omittedAfter: number }) {
    return (
        <>
            <li>
                <strong>{statusLabel[h.status]}</strong>{' '}
                <time dateTime={isoTime(h.at)} className="muted">
                    {formatDateTime(h.at)}
                </time>
                <div className="muted" style={{ fontSize: '0.88rem' }}>
                    by the {h.role} {h.role !== 'system' && <span className="mono">{shortPrincipal(h.actor)}</span>}
                    {h.note && <> — {h.note}</>}
                </div>
            </li>
            {omittedAfter > 0 && (
                <li className="muted" data-testid="history-omitted">
                    {omittedAfter} later {omittedAfter === 1 ? 'change is' : 'changes are'} counted but not kept in the history
                </li>
            )}
        </>
    );
}
