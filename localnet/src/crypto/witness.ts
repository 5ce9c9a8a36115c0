// Witnesses of a (virtual) state tree, built as the IC builds certificates: the requested paths in
// full, every other branch pruned, and the neighbours of a requested label that does not exist
// kept as labels over pruned content, so that a lookup can prove it absent. A lookup of anything
// else meets a pruned node and reports Unknown: the certificate never claims that the state
// holds nothing else.
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';

import { compareBytes, labelBytes, type HashTree } from './tree.js';

/** A node of the state tree, read lazily: only the parts a witness needs are visited. */
export type StateNode =
    | Uint8Array
    | {
          /** All labels at this level, sorted by bytes; `complete: false` when only some are known. */
          labels(): Uint8Array[];
          child(label: Uint8Array): StateNode | undefined;
          complete?: boolean;
      };

/** A state node from a small nested map (every label known). */
export function mapNode(entries: Map<string | Uint8Array, StateNode>): StateNode {
    const byHex = new Map<string, StateNode>();
    const labels: Uint8Array[] = [];
    for (const [k, v] of entries) {
        const b = labelBytes(k);
        labels.push(b);
        byHex.set(Buffer.from(b).toString('hex'), v);
    }
    labels.sort(compareBytes);
    return { labels: () => labels, child: (l) => byHex.get(Buffer.from(l).toString('hex')) };
}

export type Path = (string | Uint8Array)[];

const PRUNED_DOMAIN = utf8ToBytes('localnet-pruned');

/** Stands for content that is not revealed (its hash, as far as the witness is concerned). */
function pruned(...parts: Uint8Array[]): HashTree {
    return [4, sha256(concatBytes(PRUNED_DOMAIN, ...parts))];
}

/** The witness of `paths` in `node` (each path is included with everything below it). */
export function witness(node: StateNode, paths: Path[]): HashTree {
    return build(node, paths.map((p) => p.map(labelBytes)), new Uint8Array(0));
}

function build(node: StateNode, paths: Uint8Array[][], at: Uint8Array): HashTree {
    if (paths.length === 0) return pruned(at);
    if (node instanceof Uint8Array) return [3, node];
    if (paths.some((p) => p.length === 0)) return full(node);
    const complete = node.complete !== false;
    const wanted = new Map<string, { label: Uint8Array; tails: Uint8Array[][] }>();
    for (const [head, ...tail] of paths as [Uint8Array, ...Uint8Array[]][]) {
        const key = Buffer.from(head).toString('hex');
        const w = wanted.get(key) ?? { label: head, tails: [] };
        w.tails.push(tail);
        wanted.set(key, w);
    }
    const labels = complete ? node.labels() : known(node, [...wanted.values()].map((w) => w.label));
    // Indices (in `labels`) to reveal: requested labels, and the neighbours of requested labels
    // that do not exist (proof of absence; only possible when all labels are known).
    const reveal = new Map<number, Uint8Array[][] | null>();
    for (const { label, tails } of wanted.values()) {
        const i = lowerBound(labels, label);
        const l = labels[i];
        if (l !== undefined && compareBytes(l, label) === 0) reveal.set(i, tails);
        else if (complete) {
            if (i > 0 && !reveal.has(i - 1)) reveal.set(i - 1, null);
            if (i < labels.length && !reveal.has(i)) reveal.set(i, null);
        }
    }
    const order = [...reveal.keys()].sort((a, b) => a - b);
    const nodes: HashTree[] = [];
    let next = 0;
    for (const i of order) {
        if (i > next || !complete) nodes.push(pruned(at, labels[next] ?? new Uint8Array(0), labels[i]!));
        const label = labels[i]!;
        const tails = reveal.get(i);
        const child = node.child(label);
        const inner = tails && child !== undefined ? build(child, tails, concatBytes(at, label)) : pruned(at, label);
        nodes.push([2, label, inner]);
        next = i + 1;
    }
    if (next < labels.length || !complete) nodes.push(pruned(at, labels[next] ?? new Uint8Array(0)));
    return forks(nodes);
}

/** Labels of an incomplete level: those it lists and those asked for that it has. */
function known(node: Exclude<StateNode, Uint8Array>, asked: Uint8Array[]): Uint8Array[] {
    const labels = [...node.labels()];
    for (const l of asked) {
        if (node.child(l) !== undefined && !labels.some((x) => compareBytes(x, l) === 0)) labels.push(l);
    }
    return labels.sort(compareBytes);
}

/** Everything below `node` (small subtrees: request status, canister info, subnet). */
function full(node: StateNode): HashTree {
    if (node instanceof Uint8Array) return [3, node];
    const nodes: HashTree[] = [];
    for (const label of node.labels()) {
        const child = node.child(label);
        if (child !== undefined) nodes.push([2, label, full(child)]);
    }
    return forks(nodes);
}

function lowerBound(sorted: Uint8Array[], x: Uint8Array): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compareBytes(sorted[mid]!, x) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

function forks(nodes: HashTree[]): HashTree {
    if (nodes.length === 0) return [0];
    if (nodes.length === 1) return nodes[0]!;
    const mid = Math.ceil(nodes.length / 2);
    return [1, forks(nodes.slice(0, mid)), forks(nodes.slice(mid))];
}
