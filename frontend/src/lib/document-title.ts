import { useEffect } from 'react';

export const APP_NAME = 'TrustCloud';

/** `<page> · TrustCloud`; the app's name alone when there is no page name (yet). */
export function documentTitle(page: string | undefined): string {
    return page ? `${page} · ${APP_NAME}` : APP_NAME;
}

/**
 * Names the page in the document title (WCAG 2.4.2): the title is what a screen reader announces
 * first, and what identifies the tab and the history entry.
 */
export function useDocumentTitle(page: string | undefined): void {
    useEffect(() => {
        document.title = documentTitle(page);
    }, [page]);
}
