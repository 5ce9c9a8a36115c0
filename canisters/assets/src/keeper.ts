// Applies the asset operations of a batch (or of the single-call methods) to the stored assets and
// keeps the certification tree in step. Errors throw with upstream's messages; the entry traps,
// so a failed batch changes nothing.
import { concat, toHex } from '../../common/hash_tree';
import { sha256 } from '../../common/sha256';
import type { Asset } from './domain/assets';
import { CertifiedAssets } from './domain/certified';
import type { HeaderField } from './domain/certification';

export interface AssetStore {
    asset(key: string): Asset | undefined;
    putAsset(asset: Asset): void;
    removeAsset(key: string): void;
    keys(): string[];
    chunk(key: string, encoding: string, index: number): Uint8Array | undefined;
    putChunks(key: string, encoding: string, chunks: Uint8Array[]): void;
    removeChunks(key: string, encoding: string, count: number): void;
}

export type Operation =
    | { CreateAsset: { key: string; content_type: string; max_age: [] | [bigint]; headers: [] | [HeaderField[]]; enable_aliasing: [] | [boolean]; allow_raw_access: [] | [boolean] } }
    | { SetAssetContent: { key: string; content_encoding: string; chunk_ids: bigint[]; last_chunk: [] | [Uint8Array]; sha256: [] | [Uint8Array] } }
    | { SetAssetProperties: { key: string; max_age: [] | [[] | [bigint]]; headers: [] | [[] | [HeaderField[]]]; allow_raw_access: [] | [[] | [boolean]]; is_aliased: [] | [[] | [boolean]] } }
    | { UnsetAssetContent: { key: string; content_encoding: string } }
    | { DeleteAsset: { key: string } }
    | { Clear: Record<string, never> };

const opt = <T>(o: [] | [T]): T | null => (o.length === 0 ? null : o[0]);

export class AssetKeeper {
    readonly certified = new CertifiedAssets();

    constructor(
        private readonly store: AssetStore,
        private readonly chunkOf: (chunkId: bigint) => Uint8Array
    ) {
        for (const key of store.keys()) this.certified.certify(store.asset(key)!);
    }

    apply(op: Operation, nowNs: bigint): void {
        if ('CreateAsset' in op) return this.createAsset(op.CreateAsset);
        if ('SetAssetContent' in op) return this.setContent(op.SetAssetContent, nowNs);
        if ('SetAssetProperties' in op) return this.setProperties(op.SetAssetProperties);
        if ('UnsetAssetContent' in op) return this.unsetContent(op.UnsetAssetContent.key, op.UnsetAssetContent.content_encoding);
        if ('DeleteAsset' in op) return this.deleteAsset(op.DeleteAsset.key);
        return this.clear();
    }

    private createAsset(a: Extract<Operation, { CreateAsset: unknown }>['CreateAsset']): void {
        const existing = this.store.asset(a.key);
        if (existing !== undefined) {
            if (existing.contentType !== a.content_type) throw new Error('create_asset: content type mismatch');
            return;
        }
        this.save({
            key: a.key,
            contentType: a.content_type,
            maxAge: opt(a.max_age),
            headers: opt(a.headers),
            isAliased: opt(a.enable_aliasing),
            allowRawAccess: opt(a.allow_raw_access),
            encodings: {}
        });
    }

    private setContent(a: Extract<Operation, { SetAssetContent: unknown }>['SetAssetContent'], nowNs: bigint): void {
        const asset = this.mustGet(a.key);
        const chunks = a.chunk_ids.map((id) => this.chunkOf(id));
        const last = opt(a.last_chunk);
        if (last !== null) chunks.push(last);
        if (chunks.length === 0) throw new Error('encoding must have at least one chunk');
        // Upstream recomputes a provided hash; in this interpreter sha256 costs ~14k instructions
        // a byte (64 KiB: 1.03B hashed, 85M given), so the app's 1.5 MB would pass the 40B limit. The committer's hash is taken as
        // given: it is what the response hash certifies, so a wrong one makes the gateway refuse
        // that asset (503), never serve other bytes as certified.
        const provided = opt(a.sha256);
        if (provided !== null && provided.length !== 32) throw new Error('sha256 must be 32 bytes');
        const hash = provided ?? sha256(chunks.length === 1 ? chunks[0]! : concat(...chunks));
        const old = asset.encodings[a.content_encoding];
        if (old !== undefined) this.store.removeChunks(a.key, a.content_encoding, old.chunks);
        this.store.putChunks(a.key, a.content_encoding, chunks);
        const length = chunks.reduce((n, c) => n + c.length, 0);
        this.save({ ...asset, encodings: { ...asset.encodings, [a.content_encoding]: { sha256: toHex(hash), length, chunks: chunks.length, modifiedNs: nowNs } } });
    }

    private setProperties(a: Extract<Operation, { SetAssetProperties: unknown }>['SetAssetProperties']): void {
        const asset = this.mustGet(a.key);
        const next = { ...asset };
        if (a.max_age.length === 1) next.maxAge = opt(a.max_age[0]);
        if (a.headers.length === 1) next.headers = opt(a.headers[0]);
        if (a.allow_raw_access.length === 1) next.allowRawAccess = opt(a.allow_raw_access[0]);
        if (a.is_aliased.length === 1) next.isAliased = opt(a.is_aliased[0]);
        this.save(next);
    }

    private unsetContent(key: string, encoding: string): void {
        const asset = this.mustGet(key);
        const enc = asset.encodings[encoding];
        if (enc === undefined) return;
        this.store.removeChunks(key, encoding, enc.chunks);
        const encodings = { ...asset.encodings };
        delete encodings[encoding];
        this.save({ ...asset, encodings });
    }

    deleteAsset(key: string): void {
        const asset = this.store.asset(key);
        if (asset === undefined) return;
        for (const [name, enc] of Object.entries(asset.encodings)) this.store.removeChunks(key, name, enc.chunks);
        this.store.removeAsset(key);
        this.certified.forget(key);
    }

    clear(): void {
        for (const key of this.store.keys()) this.deleteAsset(key);
        this.certified.clear();
    }

    /** The single-call upload: create (or keep) the asset and set one encoding from one blob. */
    storeOne(a: { key: string; content_type: string; content_encoding: string; content: Uint8Array; sha256: [] | [Uint8Array] }, nowNs: bigint): void {
        this.createAsset({ key: a.key, content_type: a.content_type, max_age: [], headers: [], enable_aliasing: [], allow_raw_access: [] });
        this.setContent({ key: a.key, content_encoding: a.content_encoding, chunk_ids: [], last_chunk: [a.content], sha256: a.sha256 }, nowNs);
    }

    private mustGet(key: string): Asset {
        const asset = this.store.asset(key);
        if (asset === undefined) throw new Error(`asset not found: ${key}`);
        return asset;
    }

    private save(asset: Asset): void {
        this.store.putAsset(asset);
        this.certified.certify(asset);
    }
}
