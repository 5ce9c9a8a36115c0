import { Link, useRouteError } from 'react-router';
import { paths } from '@/config/paths';
import { errorMessage } from '@/lib/canister-error';
import { useDocumentTitle } from '@/lib/document-title';

/** Shown when a route fails to load or render (e.g. a chunk could not be fetched). */
export function RouteError() {
    const error = useRouteError();
    useDocumentTitle('This page could not be shown');
    return (
        <main id="main">
            <div className="alert alert-error" role="alert">
                <div>
                    <h1 className="alert-title" tabIndex={-1}>
                        This page could not be shown
                    </h1>
                    <p>{errorMessage(error)}</p>
                    <p>
                        <Link to={paths.marketplace.href()}>Back to the marketplace</Link> or reload the page.
                    </p>
                </div>
            </div>
        </main>
    );
}
