import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useMyContracts } from '@/features/contracts/api/get-my-contracts';
import { useProviderContracts } from '@/features/contracts/api/get-provider-contracts';
import { useMovements } from '@/features/wallet/api/get-movements';
import { TokenAmount } from '@/features/wallet/components/token-amount';
import { useAuth } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { lastSeen, markSeen, noticesFor } from '../notifications';

/** The header's notifications: request accepted, provisioned, credited, refunded, paid out. */
export function NotificationBell() {
    const { principal } = useAuth();
    const rented = useMyContracts(principal);
    const provided = useProviderContracts(principal);
    const movements = useMovements();
    const [open, setOpen] = useState(false);
    const [seen, setSeen] = useState(() => (principal ? lastSeen(principal) : 0n));
    const panelId = useId();
    const ref = useRef<HTMLDivElement>(null);
    useEffect(() => setSeen(principal ? lastSeen(principal) : 0n), [principal]);
    useEffect(() => {
        if (!open) return;
        const onDown = (e: MouseEvent) => {
            if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
        };
        const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
        document.addEventListener('mousedown', onDown);
        document.addEventListener('keydown', onKey);
        return () => {
            document.removeEventListener('mousedown', onDown);
            document.removeEventListener('keydown', onKey);
        };
    }, [open]);
    const notices = useMemo(
        () => (principal === undefined ? [] : noticesFor(principal, rented.data ?? [], provided.data ?? [], movements.data ?? [])).slice(0, 30),
        [principal, rented.data, provided.data, movements.data]
    );
    if (principal === undefined) return null;
    const unread = notices.filter((n) => n.at > seen).length;
    const failed = rented.isError || provided.isError || movements.isError;
    return (
        <div className="notifications" ref={ref}>
            <button
                type="button"
                className="btn btn-ghost btn-sm"
                aria-expanded={open}
                aria-controls={panelId}
                data-testid="notifications-button"
                onClick={() => {
                    const next = !open;
                    setOpen(next);
                    if (next && notices[0] !== undefined) {
                        markSeen(principal, notices[0].at);
                    } else if (!next && notices[0] !== undefined) setSeen(notices[0].at);
                }}
            >
                Notifications{unread > 0 && <span className="count" data-testid="notifications-unread">{unread}</span>}
                {unread > 0 && <span className="sr-only"> ({unread} unread)</span>}
            </button>
            {open && (
                <div id={panelId} className="notifications-panel" role="region" aria-label="Notifications">
                    {failed && <p className="muted">Some notifications could not be loaded; they will appear when the connection is back.</p>}
                    {notices.length === 0 ? (
                        <p className="empty">Nothing new.</p>
                    ) : (
                        <ul>
                            {notices.map((n) => (
                                <li key={n.key} className={n.at > seen ? `unread tone-${n.tone}` : `tone-${n.tone}`} data-testid="notice">
                                    <span>
                                        {n.text} {n.amount !== undefined && <TokenAmount value={n.amount} />}
                                    </span>
                                    <span className="muted">
                                        {formatDateTime(n.at)}
                                        {n.contractId !== undefined && (
                                            <>
                                                {' · '}
                                                <Link to={paths.contract.href(n.contractId)} onClick={() => setOpen(false)}>
                                                    contract #{n.contractId.toString()}
                                                </Link>
                                            </>
                                        )}
                                    </span>
                                </li>
                            ))}
                        </ul>
                    )}
                </div>
            )}
        </div>
    );
}
