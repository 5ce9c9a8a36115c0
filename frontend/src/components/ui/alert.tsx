import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'error';

export function Alert({ tone = 'info', title, children, action }: { tone?: Tone; title?: string; children?: ReactNode; action?: ReactNode }) {
    // Errors and warnings are announced; info and success are polite.
    const role = tone === 'error' || tone === 'warning' ? 'alert' : 'status';
    return (
        <div className={`alert alert-${tone}`} role={role}>
            <div>
                {title && <p className="alert-title">{title}</p>}
                {children && <div className="alert-body">{children}</div>}
            </div>
            {action && <div className="alert-action">{action}</div>}
        </div>
    );
}
