// Certified trust summaries: one leaf per provider, sha256 of its summary text, in a tree the
// canister certifies (certified data = the root hash). Labels are the principals' bytes, 16 buckets
// by the first byte's high nibble keep the labels in order and the work per change bounded by one
// bucket plus 16 hashes, not by the number of providers.
import { Principal } from '@dfinity/principal';

import type { Table } from '../ports';
import { balancedHash, balancedWitness, digest, encodeTree, fromHex, labeledHash, leafHash, toHex, type HashTree } from '../../../../common/hash_tree';

export const TREE_LABEL = 'trust';
const BUCKETS = 16;
const enc = new TextEncoder();

export interface CertRecord {
    /** provider entries: the summary text, its content without the time, and the hash of its labeled node */
    summary?: string;
    content?: string;
    labeled?: string;
    /** bucket entries: members [label hex, labeled hash hex] in label order, and the bucket's hash */
    members?: [string, string][];
    hash?: string;
}

/** A principal's bytes (ids that are not principals, as in keeper tests, as their UTF-8 text). */
export function labelOf(provider: string): Uint8Array {
    try {
        return Principal.fromText(provider).toUint8Array();
    } catch {
        return enc.encode(provider);
    }
}
const bucketOf = (label: Uint8Array): number => (label[0] ?? 0) >> 4;
const bucketKey = (b: number): string => `b|${b}`;
const providerKey = (p: string): string => `p|${p}`;

function bucketHashes(t: Table<string, CertRecord>): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let b = 0; b < BUCKETS; b++) out.push(fromHex(t.get(bucketKey(b))?.hash ?? toHex(balancedHash([]))));
    return out;
}

export function rootHash(t: Table<string, CertRecord>): Uint8Array {
    return labeledHash(enc.encode(TREE_LABEL), balancedHash(bucketHashes(t)));
}

/** What a provider's certified summary says (the web app shows it once verified). */
export interface TrustSummary {
    provider: string;
    score: number;
    rank: number;
    evidence: string;
    months: number;
    payers: number;
    uptime30dPct: number | null;
    downMinutes30d: number;
    flags: string[];
    critical: boolean;
}

/**
 * Records the provider's summary (stamped with `asOf`: nanoseconds, as decimal text since a JSON
 * number cannot hold them) when its content changed; returns true then (the root changes too). The
 * text certified is exactly the JSON returned.
 */
export function certifySummary(t: Table<string, CertRecord>, s: TrustSummary, asOf: bigint): boolean {
    const provider = s.provider;
    const content = JSON.stringify(s);
    const prev = t.get(providerKey(provider));
    if (prev?.content === content) return false;
    const summary = JSON.stringify({ ...s, asOf: asOf.toString() });
    const label = labelOf(provider);
    const labeled = toHex(labeledHash(label, leafHash(digest(enc.encode(summary)))));
    t.put(providerKey(provider), { summary, content, labeled });
    const b = bucketOf(label);
    const bucket = t.get(bucketKey(b));
    const hex = toHex(label);
    const members = (bucket?.members ?? []).filter(([l]) => l !== hex);
    members.push([hex, labeled]);
    members.sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0));
    t.put(bucketKey(b), { members, hash: toHex(balancedHash(members.map(([, h]) => fromHex(h)))) });
    return true;
}

export interface Witnessed {
    summary: string;
    witness: Uint8Array;
}

/** The provider's summary and the pruned tree proving it (CBOR, as the IC encodes hash trees). */
export function witnessFor(t: Table<string, CertRecord>, provider: string): Witnessed | null {
    const entry = t.get(providerKey(provider));
    if (entry?.summary === undefined) return null;
    const label = labelOf(provider);
    const b = bucketOf(label);
    const members = t.get(bucketKey(b))?.members ?? [];
    const at = members.findIndex(([l]) => l === toHex(label));
    if (at < 0) return null;
    const leaf: HashTree = [2, label, [3, digest(enc.encode(entry.summary))]];
    const inBucket = balancedWitness(members.map(([, h]) => fromHex(h)), at, leaf);
    const tree: HashTree = [2, enc.encode(TREE_LABEL), balancedWitness(bucketHashes(t), b, inBucket)];
    return { summary: entry.summary, witness: encodeTree(tree) };
}
