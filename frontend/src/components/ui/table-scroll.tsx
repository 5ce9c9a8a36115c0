import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A wide table's horizontal scroll container. When the table is wider than the screen, the
 * container becomes a named, focusable region so keyboard users can scroll it with the arrow keys
 * (WCAG 2.1.1; axe's scrollable-region-focusable); otherwise it is a plain box with no tab stop.
 */
export function TableScroll({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
    const ref = useRef<HTMLDivElement>(null);
    const [scrolls, setScrolls] = useState(false);
    useEffect(() => {
        const el = ref.current;
        if (el === null) return;
        const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
        check();
        if (typeof ResizeObserver === 'undefined') return;
        const ro = new ResizeObserver(check);
        ro.observe(el);
        if (el.firstElementChild !== null) ro.observe(el.firstElementChild);
        return () => ro.disconnect();
    }, []);
    return (
        <div
            ref={ref}
            className={['table-wrap', className ?? ''].join(' ').trim()}
            {...(scrolls ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}
        >
            {children}
        </div>
    );
}
