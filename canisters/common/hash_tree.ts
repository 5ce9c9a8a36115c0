// The IC's hash tree (interface spec, "Certification"): the canister certifies one root hash;
// a query answers with a witness, the pruned tree proving one leaf. Pure, no Azle.
import { sha256 } from './sha256';

export type HashTree =
    | [0]
    | [1, HashTree, HashTree]
    | [2, Uint8Array, HashTree]
    | [3, Uint8Array]
    | [4, Uint8Array];

const enc = new TextEncoder();
const domainSep = (s: string): Uint8Array => {
    const b = enc.encode(s);
    return concat(Uint8Array.of(b.length), b);
};
const SEP = { empty: domainSep('ic-hashtree-empty'), fork: domainSep('ic-hashtree-fork'), labeled: domainSep('ic-hashtree-labeled'), leaf: domainSep('ic-hashtree-leaf') };

export function concat(...parts: Uint8Array[]): Uint8Array {
    const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
    let at = 0;
    for (const p of parts) {
        out.set(p, at);
        at += p.length;
    }
    return out;
}

export const EMPTY_HASH = sha256(SEP.empty);
export const forkHash = (l: Uint8Array, r: Uint8Array): Uint8Array => sha256(concat(SEP.fork, l, r));
export const labeledHash = (label: Uint8Array, h: Uint8Array): Uint8Array => sha256(concat(SEP.labeled, label, h));
export const leafHash = (v: Uint8Array): Uint8Array => sha256(concat(SEP.leaf, v));
export const digest = (v: Uint8Array): Uint8Array => sha256(v);

export function treeHash(t: HashTree): Uint8Array {
    switch (t[0]) {
        case 0:
            return EMPTY_HASH;
        case 1:
            return forkHash(treeHash(t[1]), treeHash(t[2]));
        case 2:
            return labeledHash(t[1], treeHash(t[2]));
        case 3:
            return leafHash(t[1]);
        case 4:
            return t[1];
    }
}

/** Hash of a balanced fork tree over `hashes` (Empty when none), the shape `witnessOf` proves. */
export function balancedHash(hashes: readonly Uint8Array[]): Uint8Array {
    if (hashes.length === 0) return EMPTY_HASH;
    if (hashes.length === 1) return hashes[0]!;
    const mid = Math.ceil(hashes.length / 2);
    return forkHash(balancedHash(hashes.slice(0, mid)), balancedHash(hashes.slice(mid)));
}

/** The balanced fork tree over `hashes` with item `at` replaced by `node`, every other subtree pruned. */
export function balancedWitness(hashes: readonly Uint8Array[], at: number, node: HashTree): HashTree {
    if (hashes.length === 1) return node;
    const mid = Math.ceil(hashes.length / 2);
    const left = hashes.slice(0, mid);
    const right = hashes.slice(mid);
    return at < mid ? [1, balancedWitness(left, at, node), [4, balancedHash(right)]] : [1, [4, balancedHash(left)], balancedWitness(right, at - mid, node)];
}

// ------------------------------------------------------------ CBOR (the subset a hash tree needs)

function head(major: number, n: number): Uint8Array {
    if (n < 24) return Uint8Array.of((major << 5) | n);
    if (n < 0x100) return Uint8Array.of((major << 5) | 24, n);
    if (n < 0x10000) return Uint8Array.of((major << 5) | 25, n >> 8, n & 0xff);
    return Uint8Array.of((major << 5) | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}

/** CBOR of a hash tree as the IC encodes it (arrays of a small tag and byte strings), with the self-describing tag 55799. */
export function encodeTree(t: HashTree): Uint8Array {
    return concat(Uint8Array.of(0xd9, 0xd9, 0xf7), encodeNode(t));
}

function encodeNode(t: HashTree): Uint8Array {
    const parts: Uint8Array[] = [head(4, t.length), head(0, t[0])];
    for (const x of t.slice(1) as (Uint8Array | HashTree)[]) parts.push(x instanceof Uint8Array ? concat(head(2, x.length), x) : encodeNode(x));
    return concat(...parts);
}

export const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
export function fromHex(h: string): Uint8Array {
    const out = new Uint8Array(h.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
    return out;
}
