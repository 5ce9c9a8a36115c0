import type { Offering } from '../types';

export function formatRam(mb: number): string {
    return mb >= 1024 ? `${Math.round((mb / 1024) * 10) / 10} GB RAM` : `${mb} MB RAM`;
}

export function OfferingSpecs({ o }: { o: Offering }) {
    return (
        <ul className="specs" aria-label="Specifications">
            <li>{o.productType}</li>
            <li>{o.cpuCores} vCPU</li>
            <li>{formatRam(o.ramMb)}</li>
            <li>{o.storageGb} GB storage</li>
            {o.bandwidthMbps > 0 && <li>{o.bandwidthMbps} Mbit/s</li>}
            {o.gpuCount > 0 && (
                <li>
                    {o.gpuCount}× {o.gpu}
                </li>
            )}
            <li>{[o.city, o.country, o.region].filter(Boolean).join(', ')}</li>
        </ul>
    );
}
