// The certified summaries' tree: the root kept along one path per change equals the root built
// from every provider record, each provider's witness proves its summary against it and is found
// by the web app's walk and by agent-js's ordered lookup, and a change costs the same number of
// hashes however many providers there are.
import { Cbor, lookupResultToBuffer, lookup_path, reconstruct, type HashTree } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_HASH, balancedHash, digest, forkHash, fromHex, labeledHash, leafHash, toHex } from '../../../../common/hash_tree';
import { DEPTH, certifiedWrites, labelOf, rootHash, witnessFor, type CertRecord, type TrustSummary } from '../../../src/trust/certify/summaries';
import type { Table } from '../../../src/kernel/kv';
// The web app's own walk: through forks only, to the labeled leaf.
import { leafAt } from '../../../../../frontend/src/features/trust/api/verify-summary';

const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../../common/sha256', async (original) => {
    const m = await original<typeof import('../../../../common/sha256')>();
    return { sha256: (b: Uint8Array) => (hashes.count++, m.sha256(b)) };
});

class MapTable implements Table<string, CertRecord> {
    readonly m = new Map<string, CertRecord>();
    writes = 0;
    get = (k: string) => this.m.get(k);
    put = (k: string, v: CertRecord) => void (this.writes++, this.m.set(k, v));
    remove = (k: string) => void this.m.delete(k);
    len = () => this.m.size;
    values = () => [...this.m.values()];
}

const summary = (provider: string, score: number): TrustSummary => ({
    provider, score, rank: score - 5, evidence: '1 month', months: 1, payers: 2, uptime30dPct: 99.9, downMinutes30d: 3, flags: [], critical: false
});
const enc = new TextEncoder();
const principal = (...bytes: number[]): string => Principal.fromUint8Array(Uint8Array.from(bytes)).toText();
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The root built from every provider record alone: buckets by the first DEPTH nibbles, each trie node 4 levels of forks over its 16 children, a fork with an empty side being its other side. */
/** What the keeper's apply does with a summary's planned writes; true when there were any. */
function certifySummary(t: MapTable, s: TrustSummary, asOf: bigint): boolean {
    const writes = certifiedWrites(t, s, asOf);
    for (const [k, v] of writes) t.put(k, v);
    return writes.length > 0;
}

function rootFromScratch(t: MapTable): Uint8Array {
    const byPath = new Map<string, [string, Uint8Array][]>();
    for (const [k, v] of t.m) {
        if (!k.startsWith('p|') || v.summary === undefined) continue;
        const label = toHex(labelOf(k.slice(2)));
        const path = label.slice(0, DEPTH).padEnd(DEPTH, '0');
        byPath.set(path, [...(byPath.get(path) ?? []), [label, labeledHash(fromHex(label), leafHash(digest(enc.encode(v.summary))))]]);
    }
    const join = (l: Uint8Array | null, r: Uint8Array | null): Uint8Array | null => (l === null ? r : r === null ? l : forkHash(l, r));
    const node = (prefix: string): Uint8Array | null => {
        if (prefix.length === DEPTH) {
            const members = byPath.get(prefix);
            return members === undefined ? null : balancedHash(members.sort(([a], [b]) => cmp(a, b)).map(([, h]) => h));
        }
        let level = Array.from({ length: 16 }, (_, i) => node(prefix + i.toString(16)));
        while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => join(level[2 * i]!, level[2 * i + 1]!));
        return level[0]!;
    };
    return labeledHash(enc.encode('trust'), node('') ?? EMPTY_HASH);
}

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
/** Only forks and pruned nodes between "trust" and the provider's labeled leaf. */
function onlyForksBelowTrust(tree: HashTree): boolean {
    const walk = (n: HashTree): boolean => (n[0] === 1 ? walk(n[1]) && walk(n[2]) : n[0] === 4 || (n[0] === 2 && n[2][0] === 3));
    return tree[0] === 2 && equal(tree[1], enc.encode('trust')) && walk(tree[2]);
}

/** Deterministic pseudo-random bytes (a fixed seed: failures reproduce). */
function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s >>> 24);
}

/** 340 providers: random labels over every nibble, some sharing their first 1–3 bytes, short ones, and non-principal ids. */
function manyProviders(): string[] {
    const r = rng(7);
    const out = new Set<string>();
    for (let i = 0; i < 240; i++) out.add(principal(...Array.from({ length: 10 }, r)));
    for (let i = 0; i < 60; i++) out.add(principal(0xa7, 0x30 + (i % 3), ...Array.from({ length: 1 + (i % 4) }, r)));
    for (let i = 0; i < 20; i++) out.add(principal(0x5c, i % 2));
    out.add(principal(0xa7));
    out.add(principal(0xa7, 0x30));
    out.add(Principal.anonymous().toText());
    out.add(Principal.managementCanister().toText());
    for (let i = 0; i < 16; i++) out.add(`provider-${i}`);
    return [...out];
}

describe('certified summaries tree', () => {
    beforeEach(() => void (hashes.count = 0));

    it('keeps the root equal to the one built from scratch, over random inserts and updates', () => {
        const t = new MapTable();
        const ps = manyProviders();
        expect(ps.length).toBeGreaterThanOrEqual(300);
        const r = rng(11);
        for (let step = 0; step < 900; step++) {
            const p = step < ps.length ? ps[step]! : ps[(r() << 8 | r()) % ps.length]!;
            certifySummary(t, summary(p, r() % 100), BigInt(step));
            if (step % 60 === 0) expect(toHex(rootHash(t))).toBe(toHex(rootFromScratch(t)));
        }
        expect(toHex(rootHash(t))).toBe(toHex(rootFromScratch(t)));
        // An unchanged summary changes nothing (no write); a changed one moves the root.
        const before = toHex(rootHash(t));
        const score = JSON.parse(t.get(`p|${ps[3]}`)!.content!).score as number;
        const writes = t.writes;
        expect(certifySummary(t, summary(ps[3]!, score), 10_000n)).toBe(false);
        expect(t.writes).toBe(writes);
        expect(toHex(rootHash(t))).toBe(before);
        expect(certifySummary(t, summary(ps[3]!, score + 1), 10_001n)).toBe(true);
        expect(toHex(rootHash(t))).not.toBe(before);
        expect(toHex(rootHash(t))).toBe(toHex(rootFromScratch(t)));
    });

    it('gives every provider a witness that reconstructs the root and holds its leaf where the web app and agent-js look', async () => {
        const t = new MapTable();
        const ps = manyProviders();
        for (const [i, p] of ps.entries()) certifySummary(t, summary(p, 70 + (i % 20)), 1n);
        const root = toHex(rootHash(t));
        for (const p of ps) {
            const w = witnessFor(t, p)!;
            const tree = Cbor.decode<HashTree>(w.witness);
            expect(toHex(await reconstruct(tree))).toBe(root);
            expect(onlyForksBelowTrust(tree)).toBe(true);
            const leaf = toHex(digest(enc.encode(w.summary)));
            const path = [enc.encode('trust'), labelOf(p)];
            expect(toHex(leafAt(tree, path)!)).toBe(leaf);
            // agent-js's lookup descends by label order: it finds the leaf only if labels stay in byte order.
            expect(toHex(lookupResultToBuffer(lookup_path(path, tree))!)).toBe(leaf);
            expect(JSON.parse(w.summary).provider).toBe(p);
        }
        // Another provider's witness does not cover this one; an unknown provider has none.
        const other = Cbor.decode<HashTree>(witnessFor(t, ps[1]!)!.witness);
        expect(leafAt(other, [enc.encode('trust'), labelOf(ps[0]!)])).toBeUndefined();
        expect(witnessFor(t, principal(1, 2, 3, 4))).toBeNull();
    });

    it('hashes the same per change at 50 and at 2,000 providers', () => {
        // The measured provider is alone in bucket 000 and every sibling on its path (001–00f, 01–0f,
        // 1–f) holds a provider at both sizes: the most a change can hash. The rest fill buckets 001–7d0,
        // which the old layout (16 buckets) put with it in bucket 0 (50 and 255 members).
        const at = (path: string): string => principal(parseInt(path.slice(0, 2), 16), (parseInt(path[2]!, 16) << 4) | 7, 9, 9);
        const siblings = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].flatMap((d) => [d, d << 4, d << 8]);
        const spread = (n: number): string[] => [...new Set([...siblings, ...Array.from({ length: n }, (_, i) => i + 1)])].slice(0, n).map((p) => at(p.toString(16).padStart(3, '0')));
        const costOfChange = (n: number): { hashes: number; writes: number } => {
            const t = new MapTable();
            for (const [i, p] of spread(n).entries()) certifySummary(t, summary(p, i % 100), 1n);
            const measured = principal(0x00, 0x05, 2);
            certifySummary(t, summary(measured, 50), 2n);
            hashes.count = 0;
            const writes = t.writes;
            expect(certifySummary(t, summary(measured, 51), 3n)).toBe(true);
            const cost = { hashes: hashes.count, writes: t.writes - writes };
            expect(toHex(rootHash(t))).toBe(toHex(rootFromScratch(t)));
            return cost;
        };
        const small = costOfChange(50);
        const large = costOfChange(2_000);
        expect(large).toEqual(small);
        // digest, leaf, labeled, then 4 forks per trie level; the provider, its bucket and DEPTH nodes written.
        expect(small).toEqual({ hashes: 3 + 4 * DEPTH, writes: 2 + DEPTH });
    });

    it('an empty tree is the labeled Empty; a fresh table certifies, its first provider hashing no fork', () => {
        const t = new MapTable();
        expect(toHex(rootHash(t))).toBe(toHex(labeledHash(enc.encode('trust'), EMPTY_HASH)));
        expect(toHex(rootHash(t))).toBe(toHex(rootFromScratch(t)));
        expect(witnessFor(t, principal(1))).toBeNull();
        hashes.count = 0;
        certifySummary(t, summary(principal(1), 80), 1n);
        expect(hashes.count).toBe(3);
        expect(toHex(rootHash(t))).toBe(toHex(rootFromScratch(t)));
    });
});
