// The HTTP gateway protocol's Candid (interface spec, "HTTP Gateway protocol"): what a gateway sends
// to `http_request` / `http_request_update` and decodes back. The streaming token is decoded with
// the asset canister's token type, the one the canisters here use.
import { IDL } from '@dfinity/candid';

export const HeaderField = IDL.Tuple(IDL.Text, IDL.Text);
export const HttpRequest = IDL.Record({
    method: IDL.Text,
    url: IDL.Text,
    headers: IDL.Vec(HeaderField),
    body: IDL.Vec(IDL.Nat8),
    certificate_version: IDL.Opt(IDL.Nat16)
});
export const HttpUpdateRequest = IDL.Record({ method: IDL.Text, url: IDL.Text, headers: IDL.Vec(HeaderField), body: IDL.Vec(IDL.Nat8) });
export const StreamingToken = IDL.Record({ key: IDL.Text, content_encoding: IDL.Text, index: IDL.Nat, sha256: IDL.Opt(IDL.Vec(IDL.Nat8)) });
export const StreamingCallbackResponse = IDL.Record({ body: IDL.Vec(IDL.Nat8), token: IDL.Opt(StreamingToken) });
const Callback = IDL.Func([StreamingToken], [IDL.Opt(StreamingCallbackResponse)], ['query']);
export const StreamingStrategy = IDL.Variant({ Callback: IDL.Record({ callback: Callback, token: StreamingToken }) });
export const HttpResponse = IDL.Record({
    status_code: IDL.Nat16,
    headers: IDL.Vec(HeaderField),
    body: IDL.Vec(IDL.Nat8),
    streaming_strategy: IDL.Opt(StreamingStrategy),
    upgrade: IDL.Opt(IDL.Bool)
});

export type Header = [string, string];
export type Token = { key: string; content_encoding: string; index: bigint; sha256: [] | [Uint8Array] };
export interface CanisterHttpResponse {
    status_code: number;
    headers: Header[];
    body: Uint8Array;
    streaming_strategy: [] | [{ Callback: { callback: [{ toText(): string; toUint8Array(): Uint8Array }, string]; token: Token } }];
    upgrade: [] | [boolean];
}
