// IC hash trees (interface spec, "Certification"): construction from nested labelled maps with
// sorted labels, and root-hash reconstruction.
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';

export type HashTree =
    | [0]
    | [1, HashTree, HashTree]
    | [2, Uint8Array, HashTree]
    | [3, Uint8Array]
    | [4, Uint8Array];

/** A labelled map: leaves are byte strings, inner nodes are maps keyed by label. */
export type LabeledTree = Uint8Array | Map<string | Uint8Array, LabeledTree>;

function domainSep(s: string): Uint8Array {
    return concatBytes(new Uint8Array([s.length]), utf8ToBytes(s));
}
const EMPTY = domainSep('ic-hashtree-empty');
const FORK = domainSep('ic-hashtree-fork');
const LABELED = domainSep('ic-hashtree-labeled');
const LEAF = domainSep('ic-hashtree-leaf');

export function labelBytes(label: string | Uint8Array): Uint8Array {
    return typeof label === 'string' ? utf8ToBytes(label) : label;
}

/** Lexicographic byte order (a prefix sorts first), the order the IC requires for labels. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const d = (a[i] as number) - (b[i] as number);
        if (d !== 0) return d;
    }
    return a.length - b.length;
}

/** Builds a balanced fork tree of the labelled children in sorted label order. */
export function buildTree(t: LabeledTree): HashTree {
    if (t instanceof Uint8Array) return [3, t];
    const entries = [...t.entries()]
        .map(([k, v]) => [labelBytes(k), v] as const)
        .sort((x, y) => compareBytes(x[0], y[0]));
    for (let i = 1; i < entries.length; i++) {
        if (compareBytes((entries[i - 1] as readonly [Uint8Array, LabeledTree])[0], (entries[i] as readonly [Uint8Array, LabeledTree])[0]) === 0) {
            throw new Error('duplicate label in hash tree');
        }
    }
    const nodes: HashTree[] = entries.map(([k, v]) => [2, k, buildTree(v)]);
    return forks(nodes);
}

function forks(nodes: HashTree[]): HashTree {
    if (nodes.length === 0) return [0];
    if (nodes.length === 1) return nodes[0] as HashTree;
    const mid = Math.ceil(nodes.length / 2);
    return [1, forks(nodes.slice(0, mid)), forks(nodes.slice(mid))];
}

export function reconstruct(t: HashTree): Uint8Array {
    switch (t[0]) {
        case 0:
            return sha256(EMPTY);
        case 1:
            return sha256(concatBytes(FORK, reconstruct(t[1]), reconstruct(t[2])));
        case 2:
            return sha256(concatBytes(LABELED, t[1], reconstruct(t[2])));
        case 3:
            return sha256(concatBytes(LEAF, t[1]));
        case 4:
            return t[1];
    }
}

/** Unsigned LEB128, as the IC encodes `time` and reject codes... (reject_code is LEB128 too). */
export function leb128(n: bigint | number): Uint8Array {
    let v = BigInt(n);
    if (v < 0n) throw new Error('leb128 of a negative number');
    const out: number[] = [];
    do {
        let byte = Number(v & 0x7fn);
        v >>= 7n;
        if (v !== 0n) byte |= 0x80;
        out.push(byte);
    } while (v !== 0n);
    return new Uint8Array(out);
}
