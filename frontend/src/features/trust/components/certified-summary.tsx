import { formatDateTime, formatPercent } from '@/lib/format';
import { useCertifiedSummary } from '../api/get-certified-summary';
import { CERTIFICATE_MAX_AGE_MS, type Verification } from '../api/verify-summary';

/** The proof line under the score: what the canister certified, and whether this browser verified it. */
export function CertifiedSummaryView({ verification }: { verification: Verification | null | undefined }) {
    if (verification === undefined) return <p className="muted" data-testid="trust-proof">Checking the certificate…</p>;
    if (verification === null) return <p className="muted" data-testid="trust-proof">No certified summary yet.</p>;
    if (!verification.verified) {
        return (
            <p className="field-error" role="status" data-testid="trust-proof">
                <strong>Unverified:</strong> {verification.reason}. Do not rely on these figures.
            </p>
        );
    }
    const s = verification.summary;
    if (!verification.fresh) {
        return (
            <p className="field-error" role="status" data-testid="trust-proof">
                <strong>Stale since {formatDateTime(verification.certifiedAtNs)}:</strong> the certificate is genuine but older than {CERTIFICATE_MAX_AGE_MS / 60_000} minutes, so it
                may predate later events (score {s.score} then). Reload to fetch a current one.
            </p>
        );
    }
    const uptime = s.uptime30dPct === null ? 'no monitored uptime in the last 30 days' : `${formatPercent(s.uptime30dPct / 100, 2)} uptime in the last 30 days`;
    return (
        <p role="status" data-testid="trust-proof">
            <strong>✓ Verified</strong> in your browser against the Internet Computer’s root key: score {s.score}, {uptime}, {s.evidence}
            <span className="muted"> (certified {formatDateTime(BigInt(s.asOf))})</span>
        </p>
    );
}

export function CertifiedSummary({ provider }: { provider: string }) {
    const q = useCertifiedSummary(provider);
    if (q.isError) return <CertifiedSummaryView verification={{ verified: false, reason: 'the certified summary could not be fetched' }} />;
    return <CertifiedSummaryView verification={q.data} />;
}
