// A nested labeled hash tree (the IC's certification tree with sorted labels at each level) and
// its witnesses. A witness reveals every label of each level it walks through (other subtrees
// pruned), so it proves a path present and also proves absent any sibling path the verifier asks
// about (the v2 response verification asks for more specific paths to be absent). Pure, no Azle.
import { EMPTY_HASH, forkHash, labeledHash, leafHash, type HashTree } from '../../../common/hash_tree';

/** A node keeps its hash until a change below it clears it: a commit rehashes only its paths. */
export type LabelTree = { kind: 'leaf'; value: Uint8Array } | { kind: 'node'; children: Map<string, LabelTree>; hash?: Uint8Array | undefined };

/** Labels are byte strings: a hex form keeps a Map's keys comparable by bytes. */
export const labelKey = (label: Uint8Array): string => Array.from(label, (b) => b.toString(16).padStart(2, '0')).join('');
const keyBytes = (key: string): Uint8Array => Uint8Array.from(key.match(/../g) ?? [], (h) => parseInt(h, 16));

export const emptyNode = (): LabelTree => ({ kind: 'node', children: new Map() });

/** Inserts a leaf at `path` (labels as bytes), creating the nodes on the way. */
export function insertPath(tree: LabelTree, path: Uint8Array[], value: Uint8Array): void {
    let node = tree;
    for (let i = 0; i < path.length; i++) {
        if (node.kind !== 'node') throw new Error('label tree: a leaf cannot have children');
        node.hash = undefined;
        const key = labelKey(path[i]!);
        let next = node.children.get(key);
        if (next === undefined) {
            next = i === path.length - 1 ? { kind: 'leaf', value } : emptyNode();
            node.children.set(key, next);
        }
        node = next;
    }
}

/** Removes the leaf at `path` and every node left empty by it. */
export function removePath(tree: LabelTree, path: Uint8Array[]): void {
    if (tree.kind !== 'node' || path.length === 0) return;
    const key = labelKey(path[0]!);
    const child = tree.children.get(key);
    if (child === undefined) return;
    tree.hash = undefined;
    if (path.length === 1) tree.children.delete(key);
    else {
        removePath(child, path.slice(1));
        if (child.kind === 'node' && child.children.size === 0) tree.children.delete(key);
    }
}

const sortedKeys = (node: { children: Map<string, LabelTree> }): string[] => [...node.children.keys()].sort();

/** Root hash (the canister's certified data is the hash of the whole tree). */
export function labelTreeHash(tree: LabelTree): Uint8Array {
    if (tree.kind === 'leaf') return leafHash(tree.value);
    if (tree.hash !== undefined) return tree.hash;
    const parts = sortedKeys(tree).map((k) => labeledHash(keyBytes(k), labelTreeHash(tree.children.get(k)!)));
    tree.hash = forkOf(parts);
    return tree.hash;
}

function forkOf(hashes: Uint8Array[]): Uint8Array {
    if (hashes.length === 0) return EMPTY_HASH;
    if (hashes.length === 1) return hashes[0]!;
    const mid = Math.ceil(hashes.length / 2);
    return forkHash(forkOf(hashes.slice(0, mid)), forkOf(hashes.slice(mid)));
}

function forkTree(nodes: HashTree[]): HashTree {
    if (nodes.length === 0) return [0];
    if (nodes.length === 1) return nodes[0]!;
    const mid = Math.ceil(nodes.length / 2);
    return [1, forkTree(nodes.slice(0, mid)), forkTree(nodes.slice(mid))];
}

/** The witness for `paths`: each level walked shows all its labels; subtrees no path enters are pruned. */
export function witness(tree: LabelTree, paths: Uint8Array[][]): HashTree {
    if (tree.kind === 'leaf') return [3, tree.value];
    if (paths.length === 0 || paths.every((p) => p.length === 0)) return [4, labelTreeHash(tree)];
    const nodes = sortedKeys(tree).map((k): HashTree => {
        const child = tree.children.get(k)!;
        const rest = paths.filter((p) => p.length > 0 && labelKey(p[0]!) === k).map((p) => p.slice(1));
        return [2, keyBytes(k), rest.length === 0 ? [4, labelTreeHash(child)] : witness(child, rest)];
    });
    return forkTree(nodes);
}
