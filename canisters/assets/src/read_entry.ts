// Reading methods: the uploader's `list`/`get`/`get_chunk`, properties, state info, and the HTTP
// interface (`http_request` certified with v2, `http_request_streaming_callback` for later chunks).
import { canisterSelf, dataCertificate, IDL, Principal, query, update } from 'azle';
import { encodeTree, fromHex } from '../../common/hash_tree';
import * as C from './candid';
import type { Asset } from './domain/assets';
import type { HeaderField } from './domain/certification';
import { serve, streamChunk, type Token } from './http';
import { runtime, type EntryBase } from './runtime';

type Opt<T> = [] | [T];
const opt = <T>(v: T | null): Opt<T> => (v === null ? [] : [v]);

function mustAsset(key: string): Asset {
    const a = runtime().store.asset(key);
    if (a === undefined) throw new Error('asset not found');
    return a;
}

const serveContext = () => {
    const rt = runtime();
    return { asset: rt.store.asset, chunk: rt.store.chunk, certified: rt.keeper.certified, certificate: dataCertificate() ?? null };
};

export function ReadEntry<TBase extends EntryBase>(Base: TBase) {
    class Read extends Base {
        @query([], IDL.Nat16)
        api_version(): number {
            // Upstream's current API (create_chunks, last_chunk, properties in batches).
            return 2;
        }

        @query([C.GetArg], C.EncodedAsset)
        get(a: { key: string; accept_encodings: string[] }) {
            const asset = mustAsset(a.key);
            const name = a.accept_encodings.find((e) => asset.encodings[e] !== undefined);
            if (name === undefined) throw new Error('no such encoding');
            const enc = asset.encodings[name]!;
            return { content: runtime().store.chunk(a.key, name, 0)!, content_type: asset.contentType, content_encoding: name, sha256: [fromHex(enc.sha256)], total_length: BigInt(enc.length) };
        }

        @query([C.GetChunkArg], IDL.Record({ content: IDL.Vec(IDL.Nat8) }))
        get_chunk(a: { key: string; content_encoding: string; index: bigint; sha256: Opt<Uint8Array> }) {
            const next = streamChunk({ ...a }, serveContext());
            if (next === null) throw new Error('chunk not found');
            return { content: next.body };
        }

        @query([C.ListRequest], IDL.Vec(C.AssetDetails))
        list(a: { start: Opt<bigint>; length: Opt<bigint> }) {
            const keys = runtime().store.keys();
            const start = Number(a.start[0] ?? 0n);
            const end = a.length.length === 0 ? keys.length : start + Number(a.length[0]);
            return keys.slice(start, end).map((key) => {
                const s = runtime().store.asset(key)!;
                return {
                    key,
                    content_type: s.contentType,
                    encodings: Object.entries(s.encodings).map(([name, e]) => ({ content_encoding: name, sha256: [fromHex(e.sha256)], length: BigInt(e.length), modified: e.modifiedNs })),
                    max_age: opt(s.maxAge),
                    headers: opt(s.headers),
                    allow_raw_access: opt(s.allowRawAccess),
                    is_aliased: opt(s.isAliased)
                };
            });
        }

        @query([C.Key], C.AssetProperties)
        get_asset_properties(key: string) {
            const s = mustAsset(key);
            return { max_age: opt(s.maxAge), headers: opt(s.headers), allow_raw_access: opt(s.allowRawAccess), is_aliased: opt(s.isAliased) };
        }

        @query([IDL.Record({})], C.CertifiedTree)
        certified_tree() {
            const certificate = dataCertificate();
            if (certificate === undefined) throw new Error('certified_tree() is only available as a query call');
            return { certificate, tree: encodeTree(runtime().keeper.certified.witnessFor([], [])) };
        }

        @query([], C.StateInfo)
        get_state_info() {
            return { last_state_update_timestamp: runtime().lastUpdateNs, state_hash: [] };
        }

        @update([], IDL.Opt(IDL.Text))
        compute_state_hash(): Opt<string> {
            return [];
        }

        @query([C.HttpRequest], C.HttpResponse)
        http_request(req: { method: string; url: string; headers: HeaderField[]; body: Uint8Array; certificate_version: Opt<number> }) {
            const r = serve(req, serveContext());
            const streaming = r.token === null ? [] : [{ Callback: { callback: [canisterSelf(), 'http_request_streaming_callback'] as [Principal, string], token: r.token } }];
            return { status_code: r.status_code, headers: r.headers, body: r.body, streaming_strategy: streaming, upgrade: [] };
        }

        @query([C.StreamingCallbackToken], IDL.Opt(C.StreamingCallbackHttpResponse))
        http_request_streaming_callback(token: Token) {
            const next = streamChunk(token, serveContext());
            return next === null ? [] : [{ body: next.body, token: opt(next.token) }];
        }
    }
    return Read;
}
