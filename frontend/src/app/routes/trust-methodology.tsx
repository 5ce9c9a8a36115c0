import { Methodology } from '@/features/trust/components/methodology';
import { useDocumentTitle } from '@/lib/document-title';

export default function TrustMethodologyRoute() {
    useDocumentTitle('How trust scores work');
    return (
        <article>
            <h1 tabIndex={-1}>How trust scores work</h1>
            <p>Every rule, weight and threshold the marketplace canister uses to score providers. Nothing here is computed off-chain.</p>
            <Methodology />
        </article>
    );
}
