import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal built on the native <dialog>: focus is trapped and restored by the browser, Escape closes.
 */
export function Dialog({ open, onClose, title, children, footer }: { open: boolean; onClose: () => void; title: ReactNode; children: ReactNode; footer?: ReactNode }) {
    const ref = useRef<HTMLDialogElement>(null);
    const titleId = useId();
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
        >
            {open && (
                <>
                    <header className="dialog-header">
                        <h2 id={titleId}>{title}</h2>
                        <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
                            ×
                        </button>
                    </header>
                    <div className="dialog-body">{children}</div>
                    {footer && <footer className="dialog-footer">{footer}</footer>}
                </>
            )}
        </dialog>
    );
}
