// Certified trust summaries: one leaf per provider, sha256 of its summary text, in a tree the
// canister certifies (certified data = the root hash). Labels are the principals' bytes; a radix-16
// trie of fixed depth over the label's first nibbles keeps them in byte order, left to right. Each
// trie node is a binary fork tree over its 16 children (4 levels; a fork with an empty side is
// that side's subtree), kept in one record and updated along one path: at most 4 forks a level.
// A leaf bucket is a balanced fork tree of its members (a 16^DEPTH-th of all providers).
// A sha256 costs the canister about 0.8M instructions per 64-byte block.
import { Principal } from '@dfinity/principal';

import { utf8Bytes } from '../../platform/codec';
import type { Rows } from '../../kernel/kv';
import { EMPTY_HASH, balancedHash, balancedWitness, digest, encodeTree, forkHash, fromHex, labeledHash, leafHash, toHex, type HashTree } from '../../../../common/hash_tree';

export const TREE_LABEL = 'trust';
/** Trie levels above the leaf buckets: 16^3 = 4,096 buckets (README, "Proof"). */
export const DEPTH = 3;
// UTF-8 through the native text frame: the runtime's TextEncoder is a JS polyfill costing about
// 12k instructions per character (3.1M for a summary).
const TREE_LABEL_BYTES = utf8Bytes(TREE_LABEL);

export interface CertRecord {
    /** provider entries: the summary text, its content without the time, and the hash of its labeled node */
    summary?: string;
    content?: string;
    labeled?: string;
    /** leaf bucket entries: members [label hex, labeled hash hex] in label order, and the bucket's hash */
    members?: [string, string][];
    hash?: string;
    /** trie node entries: the forks over its 16 children, level by level (16 child hashes first, the node's hash last; '' = empty) */
    levels?: string[][];
}

/** A principal's bytes (ids that are not principals, as in keeper tests, as their UTF-8 text). */
export function labelOf(provider: string): Uint8Array {
    try {
        return Principal.fromText(provider).toUint8Array();
    } catch {
        return utf8Bytes(provider);
    }
}

/**
 * The label's first DEPTH nibbles (hex digits); a shorter label is padded with 0, which keeps byte
 * order: it sorts before every longer label sharing its prefix, and members are sorted in a bucket.
 */
const pathOf = (label: Uint8Array): string => toHex(label).slice(0, DEPTH).padEnd(DEPTH, '0');
const nodeKey = (prefix: string): string => `n|${prefix}`;
const bucketKey = (path: string): string => `b|${path}`;
const providerKey = (p: string): string => `p|${p}`;

/**
 * A fork with an empty side is its other side ('' = nothing below): the tree holds only forks
 * over members, in label order, and a change hashes only the forks whose both sides hold members.
 */
function joined(l: string, r: string): string {
    if (l === '') return r;
    if (r === '') return l;
    return toHex(forkHash(fromHex(l), fromHex(r)));
}

const emptyLevels = (): string[][] => [16, 8, 4, 2, 1].map((n) => Array.from({ length: n }, () => ''));
const levelsOf = (t: Rows<CertRecord>, prefix: string): string[][] => t.get(nodeKey(prefix))?.levels ?? emptyLevels();

/** Child `nibble` of node `prefix` now hashes to `hash`: at most the 4 forks on its path up; returns the node's hash. */
function setChild(t: Rows<CertRecord>, writes: CertWrite[], prefix: string, nibble: number, hash: string): string {
    const levels = levelsOf(t, prefix).map((l) => [...l]);
    levels[0]![nibble] = hash;
    for (let h = 1, i = nibble >> 1; h < levels.length; h++, i >>= 1) levels[h]![i] = joined(levels[h - 1]![2 * i]!, levels[h - 1]![2 * i + 1]!);
    writes.push([nodeKey(prefix), { levels }]);
    return levels[levels.length - 1]![0]!;
}

export function rootHash(t: Rows<CertRecord>): Uint8Array {
    const levels = levelsOf(t, '');
    const top = levels[levels.length - 1]![0]!;
    return labeledHash(TREE_LABEL_BYTES, top === '' ? EMPTY_HASH : fromHex(top));
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

export type CertWrite = [key: string, record: CertRecord];

/**
 * The records to write for the provider's summary (stamped with `asOf`: nanoseconds, as decimal
 * text since a JSON number cannot hold them) when its content changed: its entry, its bucket and
 * the trie nodes on its path; none when unchanged. The text certified is exactly the JSON returned.
 */
export function certifiedWrites(t: Rows<CertRecord>, s: TrustSummary, asOf: bigint): CertWrite[] {
    const provider = s.provider;
    const content = JSON.stringify(s);
    const prev = t.get(providerKey(provider));
    if (prev?.content === content) return [];
    const summary = JSON.stringify({ ...s, asOf: asOf.toString() });
    const label = labelOf(provider);
    const labeled = toHex(labeledHash(label, leafHash(digest(utf8Bytes(summary)))));
    const writes: CertWrite[] = [[providerKey(provider), { summary, content, labeled }]];
    const path = pathOf(label);
    const hex = toHex(label);
    const members = (t.get(bucketKey(path))?.members ?? []).filter(([l]) => l !== hex);
    members.push([hex, labeled]);
    members.sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0));
    let hash = toHex(balancedHash(members.map(([, h]) => fromHex(h))));
    writes.push([bucketKey(path), { members, hash }]);
    for (let d = DEPTH - 1; d >= 0; d--) hash = setChild(t, writes, path.slice(0, d), parseInt(path[d]!, 16), hash);
    return writes;
}

export interface Witnessed {
    summary: string;
    witness: Uint8Array;
}

/** A node's forks with child `nibble` replaced by `node`, every other subtree pruned (an empty side has no fork). */
function nodeWitness(levels: string[][], nibble: number, node: HashTree): HashTree {
    let w = node;
    for (let h = 0, i = nibble; h < 4; h++, i >>= 1) {
        const other = levels[h]![i ^ 1]!;
        if (other === '') continue;
        const sibling: HashTree = [4, fromHex(other)];
        w = i % 2 === 0 ? [1, w, sibling] : [1, sibling, w];
    }
    return w;
}

/** The provider's summary and the pruned tree proving it (CBOR, as the IC encodes hash trees). */
export function witnessFor(t: Rows<CertRecord>, provider: string): Witnessed | null {
    const entry = t.get(providerKey(provider));
    if (entry?.summary === undefined) return null;
    const label = labelOf(provider);
    const path = pathOf(label);
    const members = t.get(bucketKey(path))?.members ?? [];
    const at = members.findIndex(([l]) => l === toHex(label));
    if (at < 0) return null;
    const leaf: HashTree = [2, label, [3, digest(utf8Bytes(entry.summary))]];
    let w = balancedWitness(members.map(([, h]) => fromHex(h)), at, leaf);
    for (let d = DEPTH - 1; d >= 0; d--) w = nodeWitness(levelsOf(t, path.slice(0, d)), parseInt(path[d]!, 16), w);
    return { summary: entry.summary, witness: encodeTree([2, TREE_LABEL_BYTES, w]) };
}
