import type { ReactNode } from 'react';

export function Stat({ label, value, hint }: { label: ReactNode; value: ReactNode; hint?: ReactNode }) {
    return (
        <div className="stat">
            <dt>{label}</dt>
            <dd>
                <span className="stat-value">{value}</span>
                {hint && <span className="stat-hint">{hint}</span>}
            </dd>
        </div>
    );
}

export function StatGrid({ children, label }: { children: ReactNode; label?: string }) {
    return (
        <dl className="stat-grid" aria-label={label}>
            {children}
        </dl>
    );
}
