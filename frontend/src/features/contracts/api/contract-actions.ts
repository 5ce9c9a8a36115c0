import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { requireActors, useAuth } from '@/lib/auth';
import { unwrap } from '@/lib/canister-error';
import type { ProbeEndpoint as CProbeEndpoint } from '@declarations/marketplace';
import { queryRoots } from '@/lib/query-keys';

export type ContractAction =
    | { kind: 'accept'; id: bigint }
    | { kind: 'reject'; id: bigint; note: string }
    | { kind: 'provisioning'; id: bigint }
    | { kind: 'provisioned'; id: bigint; connection: string; probe?: CProbeEndpoint }
    | { kind: 'failed'; id: bigint; note: string };

/** The provider's moves on a contract; every one returns the canister's Result. */
export async function runContractAction(actors: Actors, a: ContractAction): Promise<void> {
    const m = actors.marketplace;
    switch (a.kind) {
        case 'accept':
            unwrap(await m.acceptContract(a.id), 'acceptContract');
            return;
        case 'reject':
            unwrap(await m.rejectContract(a.id, a.note), 'rejectContract');
            return;
        case 'provisioning':
            unwrap(await m.startProvisioning(a.id), 'startProvisioning');
            return;
        case 'provisioned':
            unwrap(await m.reportProvisioned(a.id, a.connection), 'reportProvisioned');
            if (a.probe) unwrap(await m.setProbeEndpoint(a.id, [a.probe]), 'setProbeEndpoint');
            return;
        case 'failed':
            unwrap(await m.reportProvisioningFailed(a.id, a.note), 'reportProvisioningFailed');
            return;
    }
}

/**
 * Parses what a provider types as the monitoring endpoint: `https://host[:port]/path`,
 * `http://…` or `tcp://host:port`. Returns the endpoint, or an error message to show. The
 * canister validates it again (host syntax, port range, path).
 */
export function parseProbeEndpoint(text: string): CProbeEndpoint | string {
    let url: URL;
    try {
        url = new URL(text.trim());
    } catch {
        return 'Enter a URL such as https://203.0.113.7/health or tcp://203.0.113.7:22';
    }
    const scheme = url.protocol.slice(0, -1);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (host === '') return 'The endpoint needs a host';
    if (scheme === 'tcp') {
        if (url.port === '') return 'A tcp:// endpoint needs a port, e.g. tcp://203.0.113.7:22';
        return { scheme: { Tcp: null }, host, port: Number(url.port), path: '' };
    }
    if (scheme !== 'http' && scheme !== 'https') return 'Use http://, https:// or tcp://';
    const port = url.port === '' ? (scheme === 'https' ? 443 : 80) : Number(url.port);
    return { scheme: scheme === 'https' ? { Https: null } : { Http: null }, host, port, path: `${url.pathname}${url.search}` };
}

export function useContractAction() {
    const auth = useAuth();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: (a: ContractAction) => runContractAction(requireActors(auth), a),
        onSettled: () => {
            void qc.invalidateQueries({ queryKey: queryRoots.contracts });
            void qc.invalidateQueries({ queryKey: queryRoots.earnings });
            void qc.invalidateQueries({ queryKey: queryRoots.offerings });
        }
    });
}
