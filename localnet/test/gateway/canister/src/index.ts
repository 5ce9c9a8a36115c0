// A canister for the gateway tests: `/update…` asks the gateway to upgrade to `http_request_update`
// (which counts its calls, so the test sees the update ran), anything else answers uncertified.
import { IDL, query, update } from 'azle';

const Header = IDL.Tuple(IDL.Text, IDL.Text);
const Request = IDL.Record({ method: IDL.Text, url: IDL.Text, headers: IDL.Vec(Header), body: IDL.Vec(IDL.Nat8), certificate_version: IDL.Opt(IDL.Nat16) });
const UpdateRequest = IDL.Record({ method: IDL.Text, url: IDL.Text, headers: IDL.Vec(Header), body: IDL.Vec(IDL.Nat8) });
const Token = IDL.Record({ key: IDL.Text, content_encoding: IDL.Text, index: IDL.Nat, sha256: IDL.Opt(IDL.Vec(IDL.Nat8)) });
const Callback = IDL.Func([Token], [IDL.Opt(IDL.Record({ body: IDL.Vec(IDL.Nat8), token: IDL.Opt(Token) }))], ['query']);
const Response = IDL.Record({
    status_code: IDL.Nat16,
    headers: IDL.Vec(Header),
    body: IDL.Vec(IDL.Nat8),
    streaming_strategy: IDL.Opt(IDL.Variant({ Callback: IDL.Record({ callback: Callback, token: Token }) })),
    upgrade: IDL.Opt(IDL.Bool)
});

const text = (s: string) => new TextEncoder().encode(s);

export default class {
    updates = 0;

    @query([Request], Response)
    http_request(req: { url: string }) {
        const upgrade = req.url.startsWith('/update');
        return { status_code: 200, headers: [['content-type', 'text/plain']], body: text(upgrade ? '' : 'uncertified'), streaming_strategy: [], upgrade: upgrade ? [true] : [] };
    }

    @update([UpdateRequest], Response)
    http_request_update(req: { method: string; url: string; body: Uint8Array }) {
        this.updates += 1;
        return { status_code: 201, headers: [['content-type', 'text/plain']], body: text(`${req.method} ${req.url} update ${this.updates} body ${new TextDecoder().decode(req.body)}`), streaming_strategy: [], upgrade: [] };
    }
}
