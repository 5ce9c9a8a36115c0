// Upload methods (upstream's names and guards): Prepare may create batches and chunks, Commit may
// change assets; a failed operation traps, so a batch is applied whole or not at all.
import { IDL, time, update } from 'azle';
import { sha256 } from '../../common/sha256';
import * as C from './candid';
import type { Operation } from './keeper';
import { orTrap, recertify, require, runtime, type EntryBase } from './runtime';

type Opt<T> = [] | [T];
const optValue = <T>(o: Opt<Opt<T>>): T | null | undefined => (o.length === 0 ? undefined : o[0].length === 0 ? null : o[0][0]);

/** Evidence of a proposed batch: sha256 over the Candid of its operations (checked at commit). */
const evidenceOf = (ops: Operation[]): Uint8Array => sha256(new Uint8Array(IDL.encode([IDL.Vec(C.BatchOperationKind)], [ops])));

export function UploadEntry<TBase extends EntryBase>(Base: TBase) {
    class Upload extends Base {
        @update([IDL.Record({})], IDL.Record({ batch_id: C.BatchId }))
        create_batch(): { batch_id: bigint } {
            require('Prepare');
            return { batch_id: orTrap(() => runtime().batches.create(time())) };
        }

        @update([IDL.Record({ batch_id: C.BatchId, content: IDL.Vec(IDL.Nat8) })], IDL.Record({ chunk_id: C.ChunkId }))
        create_chunk(a: { batch_id: bigint; content: Uint8Array }): { chunk_id: bigint } {
            require('Prepare');
            return { chunk_id: orTrap(() => runtime().batches.addChunk(a.batch_id, a.content, time())) };
        }

        @update([IDL.Record({ batch_id: C.BatchId, content: IDL.Vec(IDL.Vec(IDL.Nat8)) })], IDL.Record({ chunk_ids: IDL.Vec(C.ChunkId) }))
        create_chunks(a: { batch_id: bigint; content: Uint8Array[] }): { chunk_ids: bigint[] } {
            require('Prepare');
            return { chunk_ids: orTrap(() => a.content.map((c) => runtime().batches.addChunk(a.batch_id, c, time()))) };
        }

        @update([C.CommitBatchArguments])
        commit_batch(a: { batch_id: bigint; operations: Operation[] }): void {
            require('Commit');
            commit(a.batch_id, a.operations);
        }

        @update([C.CommitBatchArguments])
        propose_commit_batch(a: { batch_id: bigint; operations: Operation[] }): void {
            require('Prepare');
            orTrap(() => {
                const b = runtime().batches.get(a.batch_id);
                if (b.proposed !== null) throw new Error('batch already has proposed CommitBatchArguments');
                b.proposed = a.operations;
            });
        }

        @update([C.ComputeEvidenceArguments], IDL.Opt(IDL.Vec(IDL.Nat8)))
        compute_evidence(a: { batch_id: bigint }): [] | [Uint8Array] {
            require('Prepare');
            return orTrap(() => {
                const b = runtime().batches.get(a.batch_id);
                if (b.proposed === null) throw new Error('batch does not have CommitBatchArguments');
                b.evidence ??= evidenceOf(b.proposed as Operation[]);
                return [b.evidence];
            });
        }

        @update([C.CommitProposedBatchArguments])
        commit_proposed_batch(a: { batch_id: bigint; evidence: Uint8Array }): void {
            require('Commit');
            const b = orTrap(() => runtime().batches.get(a.batch_id));
            if (b.proposed === null || b.evidence === null) return orTrap(() => { throw new Error('batch has no computed evidence'); });
            if (b.evidence.length !== a.evidence.length || b.evidence.some((x, i) => x !== a.evidence[i])) return orTrap(() => { throw new Error('batch computed evidence does not match the given evidence'); });
            commit(a.batch_id, b.proposed as Operation[]);
        }

        @update([C.DeleteBatchArguments])
        delete_batch(a: { batch_id: bigint }): void {
            require('Commit');
            orTrap(() => runtime().batches.get(a.batch_id));
            runtime().batches.delete(a.batch_id);
        }

        @update([C.CreateAssetArguments])
        create_asset(a: Extract<Operation, { CreateAsset: unknown }>['CreateAsset']): void {
            applyNow({ CreateAsset: a });
        }

        @update([C.SetAssetContentArguments])
        set_asset_content(a: Extract<Operation, { SetAssetContent: unknown }>['SetAssetContent']): void {
            applyNow({ SetAssetContent: a });
        }

        @update([C.UnsetAssetContentArguments])
        unset_asset_content(a: { key: string; content_encoding: string }): void {
            applyNow({ UnsetAssetContent: a });
        }

        @update([C.SetAssetPropertiesArguments])
        set_asset_properties(a: Extract<Operation, { SetAssetProperties: unknown }>['SetAssetProperties']): void {
            applyNow({ SetAssetProperties: a });
        }

        @update([C.DeleteAssetArguments])
        delete_asset(a: { key: string }): void {
            applyNow({ DeleteAsset: a });
        }

        @update([C.ClearArguments])
        clear(): void {
            applyNow({ Clear: {} });
        }

        @update([C.StoreArg])
        store(a: { key: string; content_type: string; content_encoding: string; content: Uint8Array; sha256: [] | [Uint8Array] }): void {
            require('Commit');
            orTrap(() => runtime().keeper.storeOne(a, time()));
            recertify();
        }

        @update([], C.ConfigurationResponse)
        get_configuration(): { max_batches: Opt<bigint>; max_chunks: Opt<bigint>; max_bytes: Opt<bigint> } {
            require('Prepare');
            const l = runtime().batches.limits;
            const o = (v: bigint | null): Opt<bigint> => (v === null ? [] : [v]);
            return { max_batches: o(l.maxBatches), max_chunks: o(l.maxChunks), max_bytes: o(l.maxBytes) };
        }

        @update([C.ConfigureArguments])
        configure(a: { max_batches: Opt<Opt<bigint>>; max_chunks: Opt<Opt<bigint>>; max_bytes: Opt<Opt<bigint>> }): void {
            require('Commit');
            const l = runtime().batches.limits;
            const [b, c, y] = [optValue(a.max_batches), optValue(a.max_chunks), optValue(a.max_bytes)];
            runtime().batches.limits = { maxBatches: b === undefined ? l.maxBatches : b, maxChunks: c === undefined ? l.maxChunks : c, maxBytes: y === undefined ? l.maxBytes : y };
        }
    }
    return Upload;
}

function applyNow(op: Operation): void {
    require('Commit');
    orTrap(() => runtime().keeper.apply(op, time()));
    recertify();
}

/**
 * Applies the operations, then drops the batch and its chunks. As upstream: chunks are found by id
 * whatever their batch, and the batch need not exist — dfx and icp-cli commit large syncs in stages
 * under batch id 0, then send the real id with no operations to delete it.
 */
function commit(batchId: bigint, operations: Operation[]): void {
    const rt = runtime();
    orTrap(() => {
        for (const op of operations) rt.keeper.apply(op, time());
    });
    rt.batches.delete(batchId);
    recertify();
}
