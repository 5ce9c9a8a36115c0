import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A modal built on the native <dialog>: focus is trapped and restored by the browser, Escape closes
 * (through `onClose`, so the owner can refuse while work is in progress).
 */
export function Dialog({ open, onClose, title, children, footer }: { open: boolean; onClose: () => void; title: ReactNode; children: ReactNode; footer?: ReactNode }) {
    const ref = useRef<HTMLDialogElement>(null);
    const titleId = useId();
    const openRef = useRef(open);
    useLayoutEffect(() => {
        openRef.current = open;
    });
    useEffect(() => {
        const d = ref.current;
        if (d === null) return;
        if (open && !d.open) {
            if (typeof d.showModal === 'function') d.showModal();
            else d.setAttribute('open', '');
        } else if (!open && d.open) {
            if (typeof d.close === 'function') d.close();
            else d.removeAttribute('open');
        }
    }, [open]);
    return (
        <dialog
            ref={ref}
            className="dialog"
            aria-labelledby={titleId}
            onCancel={(e) => {
                e.preventDefault();
                onClose();
            }}
            onClose={() => {
                // The browser closed the dialog by itself: after repeated Escape presses Chromium no
                // longer lets the page cancel it. Tell the owner, and show the dialog again if the
                // owner keeps it open (e.g. a payment in progress), so state and screen agree.
                if (!openRef.current) return;
                onClose();
                setTimeout(() => {
                    const d = ref.current;
                    if (d !== null && openRef.current && !d.open && typeof d.showModal === 'function') d.showModal();
                }, 0);
            }}
        >
            {open && (
                <>
                    <header className="dialog-header">
                        <h2 id={titleId}>{title}</h2>
                        <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
                            <span aria-hidden="true">×</span>
                        </button>
                    </header>
                    <div className="dialog-body">{children}</div>
                    {footer && <footer className="dialog-footer">{footer}</footer>}
                </>
            )}
        </dialog>
    );
}
