// Which canister an HTTP request is for, as the IC's gateways read it: the host's first label
// (`<id>.localhost`, `<id>.raw.localhost`), or the `canisterId` query parameter on the server's own
// host (and, as dfx's old local gateway did, the referer's, so a page loaded that way loads its assets).
import { Principal } from '@dfinity/principal';

export interface GatewayTarget {
    canisterId: Principal;
    /** `raw` hosts skip response verification (as `raw.icp0.io` does). */
    raw: boolean;
    /** The URL the canister sees: path and query, without `canisterId`. */
    url: string;
}

const principal = (text: string | null | undefined): Principal | undefined => {
    if (text === null || text === undefined) return undefined;
    try {
        return Principal.fromText(text);
    } catch {
        return undefined;
    }
};

/** A host of the form `<label>.localhost` or `<label>.raw.localhost` (a canister's, if the label is a principal). */
export function isCanisterHost(host: string | undefined): boolean {
    return /^[^.:]+\.(raw\.)?localhost(:\d+)?$/i.test(host ?? '');
}

/** `<id>.localhost[:port]` or `<id>.raw.localhost[:port]`. */
export function hostTarget(host: string | undefined, requestUrl: string): GatewayTarget | undefined {
    const labels = (host ?? '').split(':')[0]!.toLowerCase().split('.');
    const raw = labels.length === 3 && labels[1] === 'raw' && labels[2] === 'localhost';
    if (!raw && !(labels.length === 2 && labels[1] === 'localhost')) return undefined;
    const canisterId = principal(labels[0]);
    if (canisterId === undefined) return undefined;
    const url = new URL(requestUrl, 'http://localhost');
    return { canisterId, raw, url: url.pathname + url.search };
}

/** `?canisterId=<id>` (or the referer's) on any other host. */
export function queryTarget(requestUrl: string, referer?: string): GatewayTarget | undefined {
    const url = new URL(requestUrl, 'http://localhost');
    let fromReferer: string | null = null;
    try {
        if (referer !== undefined) fromReferer = new URL(referer).searchParams.get('canisterId');
    } catch {
        fromReferer = null;
    }
    const canisterId = principal(url.searchParams.get('canisterId') ?? fromReferer);
    if (canisterId === undefined) return undefined;
    url.searchParams.delete('canisterId');
    return { canisterId, raw: false, url: url.pathname + url.search };
}
