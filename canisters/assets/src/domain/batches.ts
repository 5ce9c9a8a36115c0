// Upload batches as upstream keeps them: a batch collects chunks until it is committed, proposed or
// deleted; an idle batch expires after five minutes (checked when a new batch is created), taking
// its chunks. Limits (configure): batches, chunks and bytes held at once. Pure state in the heap.
export const BATCH_EXPIRY_NS = 300_000_000_000n;

export interface Limits {
    maxBatches: bigint | null;
    maxChunks: bigint | null;
    maxBytes: bigint | null;
}

export interface Batch {
    expiresAtNs: bigint;
    /** Set by propose_commit_batch: the operations waiting for commit_proposed_batch. */
    proposed: unknown[] | null;
    evidence: Uint8Array | null;
    chunkIds: bigint[];
}

export class Batches {
    private readonly batches = new Map<bigint, Batch>();
    private readonly chunks = new Map<bigint, { batchId: bigint; content: Uint8Array }>();
    private nextBatchId = 1n;
    private nextChunkId = 1n;
    private bytes = 0n;
    limits: Limits = { maxBatches: null, maxChunks: null, maxBytes: null };

    create(nowNs: bigint): bigint {
        for (const [id, b] of this.batches) if (b.proposed === null && b.expiresAtNs <= nowNs) this.delete(id);
        if ([...this.batches.values()].some((b) => b.proposed !== null)) throw new Error('Batch creation failed: a batch has been proposed for commit; commit or delete it first');
        if (this.limits.maxBatches !== null && BigInt(this.batches.size) >= this.limits.maxBatches) throw new Error('batch limit exceeded');
        const id = this.nextBatchId++;
        this.batches.set(id, { expiresAtNs: nowNs + BATCH_EXPIRY_NS, proposed: null, evidence: null, chunkIds: [] });
        return id;
    }

    get(id: bigint): Batch {
        const b = this.batches.get(id);
        if (b === undefined) throw new Error(`batch not found: ${id}`);
        return b;
    }

    addChunk(batchId: bigint, content: Uint8Array, nowNs: bigint): bigint {
        const b = this.get(batchId);
        if (b.proposed !== null) throw new Error('batch has been proposed; no more chunks');
        if (this.limits.maxChunks !== null && BigInt(this.chunks.size) >= this.limits.maxChunks) throw new Error('chunk limit exceeded');
        if (this.limits.maxBytes !== null && this.bytes + BigInt(content.length) > this.limits.maxBytes) throw new Error('byte limit exceeded');
        b.expiresAtNs = nowNs + BATCH_EXPIRY_NS;
        const id = this.nextChunkId++;
        this.chunks.set(id, { batchId, content });
        this.bytes += BigInt(content.length);
        b.chunkIds.push(id);
        return id;
    }

    /** A chunk by id, whatever its batch (upstream's chunks are one pool: staged commits use batch 0). */
    chunk(chunkId: bigint): Uint8Array {
        const c = this.chunks.get(chunkId);
        if (c === undefined) throw new Error(`chunk not found: ${chunkId}`);
        return c.content;
    }

    delete(id: bigint): void {
        const b = this.batches.get(id);
        if (b === undefined) return;
        for (const c of b.chunkIds) {
            const chunk = this.chunks.get(c);
            if (chunk !== undefined) this.bytes -= BigInt(chunk.content.length);
            this.chunks.delete(c);
        }
        this.batches.delete(id);
    }
}
