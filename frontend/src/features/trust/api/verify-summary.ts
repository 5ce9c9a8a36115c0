// Verifies a provider's certified trust summary in the browser: the IC certificate against the IC
// root key (localnet's root key locally), the witness against the certified data, the summary
// against the witness's leaf. No step trusts the replica that answered the query.
import { Cbor, Certificate, lookupResultToBuffer, reconstruct, type HashTree } from '@dfinity/agent';
import type { Principal } from '@dfinity/principal';
import type { TrustSummary } from '@trustcloud/marketplace/methodology';

/** What the canister certifies for a provider: its summary, stamped when certified. */
export interface CertifiedSummary extends TrustSummary {
    /** When it was certified: nanoseconds since the epoch, decimal text (a JSON number cannot hold them). */
    asOf: string;
}

export interface CertifiedResponse {
    summary: string;
    certificate: Uint8Array;
    witness: Uint8Array;
}

export type Verification =
    | { verified: true; summary: CertifiedSummary; certifiedAtNs: bigint }
    | { verified: false; reason: string };

const TREE_LABEL = new TextEncoder().encode('trust');

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

/** The leaf at /trust/<label> of a (pruned) tree, searching every fork (labels are unique by construction). */
export function leafAt(tree: HashTree, path: Uint8Array[]): Uint8Array | undefined {
    const t = tree as unknown as [number, ...unknown[]];
    switch (t[0]) {
        case 1:
            return leafAt(t[1] as HashTree, path) ?? leafAt(t[2] as HashTree, path);
        case 2:
            if (path.length === 0 || !equal(t[1] as Uint8Array, path[0]!)) return undefined;
            return leafAt(t[2] as HashTree, path.slice(1));
        case 3:
            return path.length === 0 ? (t[1] as Uint8Array) : undefined;
        default:
            return undefined;
    }
}

function timeOf(cert: Certificate): bigint {
    const t = lookupResultToBuffer(cert.lookup_path(['time']));
    if (t === undefined) return 0n;
    let v = 0n;
    let shift = 0n;
    for (const b of t) {
        v |= BigInt(b & 0x7f) << shift;
        shift += 7n;
    }
    return v;
}

export async function verifyCertifiedSummary(r: CertifiedResponse, ctx: { rootKey: Uint8Array; canisterId: Principal; provider: Principal }): Promise<Verification> {
    if (r.certificate.length === 0) return { verified: false, reason: 'the answer carries no certificate' };
    let cert: Certificate;
    try {
        // Time is shown, not enforced: a summary is as of its certificate (localnet's clock can be moved).
        cert = await Certificate.create({ certificate: r.certificate, rootKey: ctx.rootKey, canisterId: ctx.canisterId, disableTimeVerification: true });
    } catch (e) {
        return { verified: false, reason: `certificate not signed by the IC root key (${e instanceof Error ? e.message.slice(0, 80) : 'invalid'})` };
    }
    const certified = lookupResultToBuffer(cert.lookup_path(['canister', ctx.canisterId.toUint8Array(), 'certified_data']));
    if (certified === undefined) return { verified: false, reason: 'the certificate holds no certified data of this canister' };
    let tree: HashTree;
    try {
        tree = Cbor.decode<HashTree>(r.witness);
    } catch {
        return { verified: false, reason: 'the witness is not a hash tree' };
    }
    if (!equal(await reconstruct(tree), certified)) return { verified: false, reason: 'the witness does not match the certified data' };
    const leaf = leafAt(tree, [TREE_LABEL, ctx.provider.toUint8Array()]);
    if (leaf === undefined) return { verified: false, reason: 'the witness does not cover this provider' };
    if (!equal(await sha256(new TextEncoder().encode(r.summary)), leaf)) return { verified: false, reason: 'the summary does not match its certified hash' };
    let summary: CertifiedSummary;
    try {
        summary = JSON.parse(r.summary) as CertifiedSummary;
    } catch {
        return { verified: false, reason: 'the summary is not readable' };
    }
    if (summary.provider !== ctx.provider.toText()) return { verified: false, reason: 'the summary is about another provider' };
    return { verified: true, summary, certifiedAtNs: timeOf(cert) };
}
