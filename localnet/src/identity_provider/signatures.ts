// The signature map, as Internet Identity keeps it: `sig / sha256(seed) / sha256(message)` leaves
// for recently made signatures. Its root hash is the identity canister's certified data; each
// signature carries the witness of its own path (everything else pruned).
import { sha256 } from '@noble/hashes/sha2';
import { buildTree, reconstruct, type HashTree, type LabeledTree } from '../crypto/tree.js';
import { signaturePath, witness } from '../crypto/canister_sig.js';

/** How long a signature stays in the tree (II: one minute; the signature itself stays valid). */
export const SIGNATURE_TTL_MS = 60_000;
/** Bound on the tree (and so on the work per signature): the oldest entries go first. */
export const MAX_SIGNATURES = 1_000;

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export class SignatureMap {
    /** hex(sha256(seed)) + hex(sha256(message)) -> added at (ms); insertion order = age. */
    readonly #entries = new Map<string, { seedHash: Uint8Array; messageHash: Uint8Array; addedMs: number }>();

    add(seed: Uint8Array, message: Uint8Array, nowMs: number): void {
        this.#prune(nowMs);
        const seedHash = sha256(seed);
        const messageHash = sha256(message);
        const key = hex(seedHash) + hex(messageHash);
        this.#entries.delete(key);
        this.#entries.set(key, { seedHash, messageHash, addedMs: nowMs });
        while (this.#entries.size > MAX_SIGNATURES) this.#entries.delete(this.#entries.keys().next().value as string);
    }

    get size(): number {
        return this.#entries.size;
    }

    #prune(nowMs: number): void {
        for (const [key, e] of this.#entries) {
            if (e.addedMs > nowMs - SIGNATURE_TTL_MS) break;
            this.#entries.delete(key);
        }
    }

    tree(): HashTree {
        const bySeed = new Map<string, Map<Uint8Array, LabeledTree>>();
        const seeds = new Map<string, Uint8Array>();
        for (const e of this.#entries.values()) {
            const k = hex(e.seedHash);
            seeds.set(k, e.seedHash);
            if (!bySeed.has(k)) bySeed.set(k, new Map());
            bySeed.get(k)?.set(e.messageHash, new Uint8Array(0));
        }
        const sig = new Map<Uint8Array, LabeledTree>([...bySeed].map(([k, m]) => [seeds.get(k) as Uint8Array, m]));
        return buildTree(new Map([['sig', sig]]));
    }

    rootHash(): Uint8Array {
        return reconstruct(this.tree());
    }

    /** The pruned tree proving the signature of `message` by `seed` (undefined when absent). */
    witness(seed: Uint8Array, message: Uint8Array): HashTree | undefined {
        const key = hex(sha256(seed)) + hex(sha256(message));
        if (!this.#entries.has(key)) return undefined;
        return witness(this.tree(), signaturePath(seed, message));
    }
}
