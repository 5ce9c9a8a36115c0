import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/document-title';

export default function NotFoundRoute() {
    useDocumentTitle('Page not found');
    return (
        <section>
            <h1 tabIndex={-1}>Page not found</h1>
            <p>
                <Link to={paths.marketplace.href()}>Back to the marketplace</Link>
            </p>
        </section>
    );
}
