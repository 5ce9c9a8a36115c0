// An HTTP gateway as the IC's (ic-gateway / the ic-http-gateway crate) serves canisters: the
// `http_request` query with `certificate_version = 2`; the `http_request_update` call when the
// canister answers `upgrade = opt true`; the rest of a streamed body fetched through the
// canister's own callback; and the response verified with @dfinity/response-verification
// (certificate signed by the root key, tree matching certified data, expression and response
// hashes) before anything reaches the client. An unverifiable response is refused with 503.
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { verifyRequestResponsePair } from '@dfinity/response-verification';
import type { CallOutcome, LocalIc } from '../types.js';
import { HttpRequest, HttpResponse, HttpUpdateRequest, StreamingCallbackResponse, StreamingToken, type CanisterHttpResponse, type Header, type Token } from './candid.js';
import type { GatewayTarget } from './route.js';

/** A certificate may be this old (ic-http-gateway's default: 5 minutes). */
export const MAX_CERT_TIME_OFFSET_NS = 300_000_000_000n;
/** Streamed bodies are assembled (and verified) up to this size; beyond it the gateway refuses. */
export const MAX_STREAMED_BODY = 32 * 1024 * 1024;
/** Response verification version 2 at least: a v1 (or uncertified) answer is refused. */
export const MIN_VERIFICATION_VERSION = 2;

export interface GatewayRequest {
    method: string;
    headers: Header[];
    body: Uint8Array;
}

export interface GatewayResponse {
    status: number;
    headers: Header[];
    body: Uint8Array;
}

export interface HttpGatewayOptions {
    ic: LocalIc;
    rootKeyDer: Uint8Array;
    /** A hook between the canister and the verification, for tests: a lying replica or boundary node. */
    tamper?: (response: CanisterHttpResponse) => CanisterHttpResponse;
}

const text = (status: number, message: string): GatewayResponse => ({ status, headers: [['content-type', 'text/plain; charset=utf-8']], body: new TextEncoder().encode(`${message}\n`) });

class GatewayError extends Error {
    constructor(
        readonly status: number,
        message: string
    ) {
        super(message);
    }
}

export class HttpGateway {
    constructor(private readonly options: HttpGatewayOptions) {}

    handle(target: GatewayTarget, req: GatewayRequest): GatewayResponse {
        try {
            return this.serve(target, req);
        } catch (e) {
            if (e instanceof GatewayError) return text(e.status, e.message);
            throw e;
        }
    }

    private serve(target: GatewayTarget, req: GatewayRequest): GatewayResponse {
        const { ic } = this.options;
        if (ic.canisterInfo(target.canisterId) === undefined) throw new GatewayError(404, `canister not found: ${target.canisterId.toText()}`);
        const request = { method: req.method, url: target.url, headers: req.headers, body: req.body, certificate_version: [2] as [number] };
        const first = this.call('query', target.canisterId, 'http_request', IDL.encode([HttpRequest], [request]));
        let response = IDL.decode([HttpResponse], first)[0] as unknown as CanisterHttpResponse;
        if (response.upgrade[0] === true) {
            // An update goes through consensus: its reply is certified by the call itself.
            const update = { method: req.method, url: target.url, headers: req.headers, body: req.body };
            const reply = this.call('update', target.canisterId, 'http_request_update', IDL.encode([HttpUpdateRequest], [update]));
            const r = IDL.decode([HttpResponse], reply)[0] as unknown as CanisterHttpResponse;
            return this.toClient(req, { ...r, body: this.assemble(target.canisterId, r) });
        }
        response = { ...response, body: this.assemble(target.canisterId, response) };
        if (this.options.tamper !== undefined) response = this.options.tamper(response);
        if (!target.raw) this.verify(target, request, response);
        return this.toClient(req, response);
    }

    private verify(target: GatewayTarget, request: { method: string; url: string; headers: Header[]; body: Uint8Array; certificate_version: [number] }, response: CanisterHttpResponse): void {
        try {
            const info = verifyRequestResponsePair(
                request,
                { status_code: response.status_code, headers: response.headers, body: response.body },
                target.canisterId.toUint8Array(),
                this.options.ic.clock.nowNs(),
                MAX_CERT_TIME_OFFSET_NS,
                this.options.rootKeyDer,
                MIN_VERIFICATION_VERSION
            );
            if (info.verificationVersion < MIN_VERIFICATION_VERSION) throw new Error(`verification version ${info.verificationVersion}`);
        } catch (e) {
            const reason = e instanceof Error ? e.message : typeof e === 'object' && e !== null && 'message' in e ? String((e as { message: unknown }).message) : String(e);
            throw new GatewayError(503, `Response verification failed: ${reason}`);
        }
    }

    /** The whole body: the first part and every part the canister's callback streams after it. */
    private assemble(canisterId: Principal, response: CanisterHttpResponse): Uint8Array {
        const parts = [response.body];
        let size = response.body.length;
        const strategy = response.streaming_strategy[0]?.Callback;
        if (strategy !== undefined && strategy.callback[0].toText() !== canisterId.toText()) {
            throw new GatewayError(502, 'streaming callback names another canister');
        }
        let token: Token | undefined = strategy?.token;
        while (strategy !== undefined && token !== undefined) {
            const reply = this.call('query', canisterId, strategy.callback[1], IDL.encode([StreamingToken], [token]));
            const next = IDL.decode([IDL.Opt(StreamingCallbackResponse)], reply)[0] as [] | [{ body: Uint8Array; token: [] | [Token] }];
            if (next.length === 0) break;
            parts.push(next[0].body);
            size += next[0].body.length;
            if (size > MAX_STREAMED_BODY) throw new GatewayError(503, `Response verification failed: streamed body over ${MAX_STREAMED_BODY} bytes`);
            token = next[0].token[0];
        }
        if (parts.length === 1) return response.body;
        const body = new Uint8Array(size);
        let at = 0;
        for (const p of parts) {
            body.set(p, at);
            at += p.length;
        }
        return body;
    }

    private call(kind: 'query' | 'update', canisterId: Principal, methodName: string, arg: ArrayBuffer | Uint8Array): Uint8Array {
        const message = { sender: Principal.anonymous(), canisterId, methodName, arg: new Uint8Array(arg) };
        const outcome: CallOutcome = kind === 'query' ? this.options.ic.query(message) : this.options.ic.update(message);
        if (outcome.status === 'rejected') {
            throw new GatewayError(502, `canister ${canisterId.toText()} rejected ${methodName}: ${outcome.errorCode} ${outcome.rejectMessage}`);
        }
        return outcome.reply;
    }

    private toClient(req: GatewayRequest, r: CanisterHttpResponse): GatewayResponse {
        const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);
        const headers = r.headers.filter(([k]) => !hopByHop.has(k.toLowerCase()));
        return { status: r.status_code, headers, body: req.method === 'HEAD' ? new Uint8Array(0) : r.body };
    }
}
