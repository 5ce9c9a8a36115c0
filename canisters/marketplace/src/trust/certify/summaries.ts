// Certified trust summaries: one leaf per provider, sha256 of its summary text, in a tree the
// canister certifies (certified data = the root hash). Labels are the principals' bytes, 16 buckets
// by the first byte's high nibble keep the labels in order. The fork hashes above the buckets are
// kept in one record and updated along one path (4 forks), so a change hashes its bucket and that
// path, and reading the root hashes nothing: a sha256 costs the canister about 2.5M instructions.
import { Principal } from '@dfinity/principal';

import type { Table } from '../ports';
import { balancedHash, balancedWitness, digest, encodeTree, forkHash, fromHex, labeledHash, leafHash, toHex, type HashTree } from '../../../../common/hash_tree';

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
    /** the tree record: the fork hashes above the buckets, level by level (16 bucket hashes first, the top last) */
    levels?: string[][];
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

const TREE_KEY = 'tree';
const EMPTY_BUCKET = toHex(balancedHash([]));

/** The forks over the 16 bucket hashes (a perfect binary tree, the shape `balancedHash` builds), computed from the buckets. */
function levelsFromBuckets(t: Table<string, CertRecord>): string[][] {
    const levels: string[][] = [Array.from({ length: BUCKETS }, (_, b) => t.get(bucketKey(b))?.hash ?? EMPTY_BUCKET)];
    while (levels[levels.length - 1]!.length > 1) {
        const below = levels[levels.length - 1]!;
        levels.push(Array.from({ length: below.length / 2 }, (_, i) => toHex(forkHash(fromHex(below[2 * i]!), fromHex(below[2 * i + 1]!)))));
    }
    return levels;
}

const levelsOf = (t: Table<string, CertRecord>): string[][] => t.get(TREE_KEY)?.levels ?? levelsFromBuckets(t);

/** Bucket `b` now hashes to `hash`: the forks on its path up are recomputed, nothing else. */
function setBucketHash(t: Table<string, CertRecord>, b: number, hash: string): void {
    const levels = levelsOf(t).map((l) => [...l]);
    levels[0]![b] = hash;
    for (let l = 1, i = b >> 1; l < levels.length; l++, i >>= 1) {
        levels[l]![i] = toHex(forkHash(fromHex(levels[l - 1]![2 * i]!), fromHex(levels[l - 1]![2 * i + 1]!)));
    }
    t.put(TREE_KEY, { levels });
}

export function rootHash(t: Table<string, CertRecord>): Uint8Array {
    const levels = levelsOf(t);
    return labeledHash(enc.encode(TREE_LABEL), fromHex(levels[levels.length - 1]![0]!));
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
    const hash = toHex(balancedHash(members.map(([, h]) => fromHex(h))));
    t.put(bucketKey(b), { members, hash });
    setBucketHash(t, b, hash);
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
    const tree: HashTree = [2, enc.encode(TREE_LABEL), balancedWitness(levelsOf(t)[0]!.map(fromHex), b, inBucket)];
    return { summary: entry.summary, witness: encodeTree(tree) };
}
