// The IC HTTP interface (`/api/v2/status`; `call` on v2 (async), v3 and v4 (synchronous);
// `query` and `read_state` on v2 and v3, for canisters and subnets)
// over a `LocalIc`. Transport-independent: `handle()` maps (method, path, body) to a response;
// src/server/ puts it behind node:http.
import { Cbor, hashOfMap } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { ed25519 } from '@noble/curves/ed25519';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { signTree } from '../crypto/certificate.js';
import { witness, type Path } from '../crypto/witness.js';
import type { DevKeys } from '../crypto/root_key.js';
import { RejectCode, type CallOutcome, type IngressMessage, type LocalIc, type RequestStatus } from '../types.js';
import { authenticate, checkIngressExpiry } from './auth.js';
import { decodeEnvelope, type Envelope } from './envelope.js';
import { BadRequest, Forbidden, HttpError, NotFound, PayloadTooLarge } from './errors.js';
import { hex, requestIdOfContent } from './request_id.js';
import { checkPath } from './read_state_paths.js';
import { stateRoot } from './state_tree.js';

export const MAX_INGRESS_BYTES = 2 * 1024 * 1024;
const IC_RESPONSE_DOMAIN = concatBytes(new Uint8Array([11]), utf8ToBytes('ic-response'));
const MANAGEMENT = Principal.managementCanister();

export interface ApiOptions {
    ic: LocalIc;
    keys: DevKeys;
    /** Answer 404 on `/api/v3/...` and `/api/v4/...` so that agents fall back to v2 + read_state polling. */
    disableV3?: boolean;
    /** Wall clock in ns (certificate `time`, expiry checks). Default `Date.now()`. */
    wallClockNs?: () => bigint;
    /** Rounds a v3 call may run before the answer falls back to 202 + polling. */
    maxSyncRounds?: number;
    /** Called after anything that may have changed canister state. */
    onStateChange?: () => void;
    log?: (line: string) => void;
}

export interface ApiResponse {
    status: number;
    contentType: 'application/cbor' | 'text/plain; charset=utf-8';
    body: Uint8Array;
}

const cbor = (status: number, value: unknown): ApiResponse => ({
    status,
    contentType: 'application/cbor',
    body: Cbor.encode(value)
});
const textResponse = (status: number, message: string): ApiResponse => ({
    status,
    contentType: 'text/plain; charset=utf-8',
    body: utf8ToBytes(message)
});
const empty = (status: number): ApiResponse => ({ status, contentType: 'application/cbor', body: new Uint8Array(0) });

interface RejectFields {
    reject_code: number;
    reject_message: string;
    error_code: string;
}

/**
 * Messages go to `content.canister_id`; the URL's effective id only selects the subnet. As on the
 * IC, it must equal the target unless the target is the management canister (whose calls name
 * the effective canister in the URL).
 */
function checkEffectiveId(canisterId: Principal, effective: Principal): void {
    if (canisterId.compareTo(MANAGEMENT) === 'eq' || canisterId.compareTo(effective) === 'eq') return;
    throw new BadRequest(
        `Specified CanisterId ${canisterId.toText()} does not match effective canister id in URL ${effective.toText()}`
    );
}

const ROUTE = /^\/api\/(v2|v3|v4)\/(canister|subnet)\/([^/]+)\/(call|query|read_state)$/;

export class IcHttpApi {
    readonly #o: ApiOptions;
    readonly #now: () => bigint;
    /** Sender of each ingress request id, so `read_state` of `request_status` is only for the sender. */
    readonly #senders = new Map<string, string>();
    #pumpScheduled = false;

    constructor(options: ApiOptions) {
        this.#o = options;
        this.#now = options.wallClockNs ?? ((): bigint => BigInt(Date.now()) * 1_000_000n);
    }

    /** Never throws: every failure becomes an HTTP answer. */
    handle(method: string, path: string, body: Uint8Array): ApiResponse {
        try {
            return this.#route(method, path, body);
        } catch (e) {
            if (e instanceof HttpError) return textResponse(e.status, e.message);
            this.#o.log?.(`internal error on ${method} ${path}: ${(e as Error).stack ?? String(e)}`);
            return textResponse(500, `Internal error: ${(e as Error).message ?? String(e)}`);
        }
    }

    #route(method: string, path: string, body: Uint8Array): ApiResponse {
        if (path === '/api/v2/status') {
            if (method !== 'GET') throw new HttpError(405, 'Use GET for /api/v2/status');
            return cbor(200, { root_key: this.#o.keys.rootKeyDer, impl_version: 'localnet-0.1', replica_health_status: 'healthy' });
        }
        const m = ROUTE.exec(path);
        if (m === null) throw new NotFound(`No such endpoint: ${path}`);
        const [, version, kind, id, endpoint] = m as unknown as [string, 'v2' | 'v3' | 'v4', string, string, string];
        // v3 and v4 differ from v2 only in certificate delegations, which a single-subnet localnet never
        // issues; v4 exists for `call` only.
        if (version !== 'v2' && this.#o.disableV3 === true) throw new NotFound(`No such endpoint: ${path}`);
        if (version === 'v4' && endpoint !== 'call') throw new NotFound(`No such endpoint: ${path}`);
        if (kind === 'subnet' && endpoint !== 'read_state') throw new NotFound(`No such endpoint: ${path}`);
        if (method !== 'POST') throw new HttpError(405, `Use POST for ${path}`);
        if (body.length > MAX_INGRESS_BYTES + 64 * 1024) throw new PayloadTooLarge(MAX_INGRESS_BYTES);
        let effective: Principal;
        try {
            effective = Principal.fromText(decodeURIComponent(id));
        } catch {
            throw new BadRequest(`Invalid effective ${kind} id in the URL: ${id}`);
        }
        switch (endpoint) {
            case 'call':
                return this.#call(body, effective, version !== 'v2');
            case 'query':
                return this.#query(body, effective);
            default:
                return this.#readState(body, effective, kind === 'subnet');
        }
    }

    #requestId(env: Envelope): Uint8Array {
        try {
            return requestIdOfContent(env.rawContent);
        } catch (e) {
            throw new BadRequest(`Could not compute the request id: ${(e as Error).message}`);
        }
    }

    #reject(code: RejectCode, message: string, errorCode: string): RejectFields {
        return { reject_code: code, reject_message: message, error_code: errorCode };
    }

    /** Null when the canister exists (or is the management canister), else the reject. */
    #unknownCanister(canisterId: Principal): RejectFields | null {
        if (canisterId.compareTo(MANAGEMENT) === 'eq') return null;
        if (this.#o.ic.canisterInfo(canisterId) !== undefined || this.#o.ic.isSystemCanister?.(canisterId) === true) return null;
        return this.#reject(RejectCode.DestinationInvalid, `Canister ${canisterId.toText()} not found`, 'IC0301');
    }

    #call(body: Uint8Array, effective: Principal, sync: boolean): ApiResponse {
        const env = decodeEnvelope(body, 'call');
        const requestId = this.#requestId(env);
        const now = this.#now();
        const canisterId = Principal.fromUint8Array(env.content.canister_id);
        checkEffectiveId(canisterId, effective);
        const caller = authenticate(env, { requestId, nowNs: now, target: canisterId, rootKeyDer: this.#o.keys.rootKeyDer });
        checkIngressExpiry(env.content.ingress_expiry, now);
        if (env.content.arg.length > MAX_INGRESS_BYTES) throw new PayloadTooLarge(MAX_INGRESS_BYTES);
        const unknown = this.#unknownCanister(canisterId);
        if (unknown !== null) return cbor(200, sync ? { status: 'non_replicated_rejection', ...unknown } : unknown);
        const ridHex = hex(requestId);
        if (this.#o.ic.requestStatus(requestId) === undefined) {
            const message: IngressMessage = {
                sender: caller,
                canisterId,
                methodName: env.content.method_name,
                arg: env.content.arg
            };
            this.#senders.set(ridHex, caller.toText());
            if (this.#senders.size > 100_000) this.#senders.delete(this.#senders.keys().next().value as string);
            this.#o.ic.submitIngress(message, requestId);
            this.#o.onStateChange?.();
        }
        if (!sync) {
            this.#schedulePump();
            return empty(202);
        }
        const status = this.#runUntilDone(requestId);
        if (status === undefined || (status.status !== 'replied' && status.status !== 'rejected')) return empty(202);
        return cbor(200, { status: 'replied', certificate: this.#certificate([['request_status', requestId]], now) });
    }

    #runUntilDone(requestId: Uint8Array): RequestStatus | undefined {
        const max = this.#o.maxSyncRounds ?? 1000;
        let status = this.#o.ic.requestStatus(requestId);
        for (let round = 0; round < max && status !== undefined && (status.status === 'received' || status.status === 'processing'); round++) {
            this.#o.ic.tick();
            status = this.#o.ic.requestStatus(requestId);
        }
        this.#o.onStateChange?.();
        return status;
    }

    /** Runs queued messages soon (v2 calls answer 202 first, like the replica). */
    #schedulePump(): void {
        if (this.#pumpScheduled) return;
        this.#pumpScheduled = true;
        setImmediate(() => {
            this.#pumpScheduled = false;
            this.pump();
        });
    }

    /** Executes rounds until idle; returns the messages run. Errors are logged, never thrown. */
    pump(maxRounds = 10_000): number {
        let total = 0;
        try {
            for (let round = 0; round < maxRounds; round++) {
                const n = this.#o.ic.tick();
                total += n;
                if (n === 0) break;
            }
        } catch (e) {
            this.#o.log?.(`executor error: ${(e as Error).stack ?? String(e)}`);
        }
        if (total > 0) this.#o.onStateChange?.();
        return total;
    }

    #query(body: Uint8Array, effective: Principal): ApiResponse {
        const env = decodeEnvelope(body, 'query');
        const requestId = this.#requestId(env);
        const now = this.#now();
        const canisterId = Principal.fromUint8Array(env.content.canister_id);
        checkEffectiveId(canisterId, effective);
        const caller = authenticate(env, { requestId, nowNs: now, target: canisterId, rootKeyDer: this.#o.keys.rootKeyDer });
        checkIngressExpiry(env.content.ingress_expiry, now);
        const unknown = this.#unknownCanister(canisterId);
        let outcome: CallOutcome | null = null;
        if (unknown === null) {
            outcome = this.#o.ic.query({ sender: caller, canisterId, methodName: env.content.method_name, arg: env.content.arg });
        }
        const fields: Record<string, unknown> =
            outcome === null
                ? { status: 'rejected', ...unknown }
                : outcome.status === 'replied'
                  ? { status: 'replied', reply: { arg: outcome.reply } }
                  : { status: 'rejected', ...this.#reject(outcome.rejectCode, outcome.rejectMessage, outcome.errorCode) };
        const timestamp = now;
        const hash = hashOfMap({ ...fields, timestamp, request_id: requestId });
        const signature = ed25519.sign(concatBytes(IC_RESPONSE_DOMAIN, new Uint8Array(hash)), this.#o.keys.node.secretKey);
        return cbor(200, {
            ...fields,
            signatures: [{ timestamp, signature, identity: this.#o.keys.node.nodeId.toUint8Array() }]
        });
    }

    #readState(body: Uint8Array, effective: Principal, isSubnet: boolean): ApiResponse {
        const env = decodeEnvelope(body, 'read_state');
        const requestId = this.#requestId(env);
        const now = this.#now();
        // Expiry is deliberately not checked: the agent polls with old signed requests and syncs time here.
        const caller = authenticate(env, { requestId, nowNs: now, target: effective, rootKeyDer: this.#o.keys.rootKeyDer });
        const paths: Path[] = [];
        for (const path of env.content.paths) checkPath(this.#o.ic, this.#senders, { path, effective, isSubnet, caller }, paths);
        return cbor(200, { certificate: this.#certificate(paths, now) });
    }

    /** A certificate of `paths` (and `time`) with everything else pruned. */
    #certificate(paths: Path[], now: bigint): Uint8Array {
        return signTree(this.#o.keys, witness(stateRoot(this.#o.ic, this.#o.keys, now), [...paths, ['time']]));
    }
}
