// Decoding and validation of the CBOR request envelopes
// `{content, sender_pubkey?, sender_sig?, sender_delegation?}` (interface spec, "Envelope").
import { Cbor } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { BadRequest } from './errors.js';

export interface Delegation {
    pubkey: Uint8Array;
    expiration: bigint;
    targets?: Uint8Array[];
}

export interface SignedDelegation {
    delegation: Delegation;
    signature: Uint8Array;
}

interface CommonContent {
    sender: Uint8Array;
    ingress_expiry: bigint;
    nonce?: Uint8Array;
}

export interface CallContent extends CommonContent {
    request_type: 'call';
    canister_id: Uint8Array;
    method_name: string;
    arg: Uint8Array;
}

export interface QueryContent extends CommonContent {
    request_type: 'query';
    canister_id: Uint8Array;
    method_name: string;
    arg: Uint8Array;
}

export interface ReadStateContent extends CommonContent {
    request_type: 'read_state';
    paths: Uint8Array[][];
}

export type Content = CallContent | QueryContent | ReadStateContent;

export interface Envelope<C extends Content = Content> {
    /** The content as decoded (used for the request id: hash of the decoded map). */
    rawContent: Record<string, unknown>;
    content: C;
    senderPubkey?: Uint8Array;
    senderSig?: Uint8Array;
    senderDelegation?: SignedDelegation[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

function bytes(v: unknown, what: string): Uint8Array {
    if (v instanceof Uint8Array) return v;
    throw new BadRequest(`${what} must be a byte string`);
}

function optBytes(v: unknown, what: string): Uint8Array | undefined {
    return v === undefined ? undefined : bytes(v, what);
}

function nat(v: unknown, what: string): bigint {
    if (typeof v === 'bigint' && v >= 0n) return v;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
    throw new BadRequest(`${what} must be a natural number`);
}

function text(v: unknown, what: string): string {
    if (typeof v === 'string') return v;
    throw new BadRequest(`${what} must be a text string`);
}

function principalBytes(v: unknown, what: string): Uint8Array {
    const b = bytes(v, what);
    if (b.length > 29) throw new BadRequest(`${what} is not a valid principal (more than 29 bytes)`);
    return b;
}

function decodeDelegations(v: unknown): SignedDelegation[] {
    if (!Array.isArray(v)) throw new BadRequest('sender_delegation must be an array');
    return v.map((d, i) => {
        if (!isObject(d) || !isObject(d.delegation)) throw new BadRequest(`sender_delegation[${i}] is malformed`);
        const targets = d.delegation.targets;
        if (targets !== undefined && !Array.isArray(targets)) throw new BadRequest(`sender_delegation[${i}].targets must be an array`);
        return {
            delegation: {
                pubkey: bytes(d.delegation.pubkey, `sender_delegation[${i}].pubkey`),
                expiration: nat(d.delegation.expiration, `sender_delegation[${i}].expiration`),
                ...(targets !== undefined ? { targets: targets.map((t: unknown) => principalBytes(t, 'delegation target')) } : {})
            },
            signature: bytes(d.signature, `sender_delegation[${i}].signature`)
        };
    });
}

function decodeContent(c: Record<string, unknown>, expected: Content['request_type']): Content {
    const requestType = text(c.request_type, 'request_type');
    if (requestType !== expected) throw new BadRequest(`request_type is "${requestType}", expected "${expected}" at this endpoint`);
    const common: CommonContent = {
        sender: principalBytes(c.sender, 'sender'),
        ingress_expiry: nat(c.ingress_expiry, 'ingress_expiry'),
        ...(c.nonce !== undefined ? { nonce: bytes(c.nonce, 'nonce') } : {})
    };
    if (requestType === 'read_state') {
        if (!Array.isArray(c.paths)) throw new BadRequest('paths must be an array');
        const paths = c.paths.map((p: unknown) => {
            if (!Array.isArray(p)) throw new BadRequest('each path must be an array of labels');
            return p.map((l: unknown) => bytes(l, 'path label'));
        });
        return { ...common, request_type: 'read_state', paths };
    }
    const body = {
        ...common,
        canister_id: principalBytes(c.canister_id, 'canister_id'),
        method_name: text(c.method_name, 'method_name'),
        arg: bytes(c.arg, 'arg')
    };
    return requestType === 'call' ? { ...body, request_type: 'call' } : { ...body, request_type: 'query' };
}

/** Decodes an envelope; throws `BadRequest` with the reason for anything malformed. */
export function decodeEnvelope<T extends Content['request_type']>(
    body: Uint8Array,
    expected: T
): Envelope<Extract<Content, { request_type: T }>> {
    let decoded: unknown;
    try {
        decoded = Cbor.decode(body);
    } catch (e) {
        throw new BadRequest(`Could not parse body as ${expected} message: ${(e as Error).message}`);
    }
    if (!isObject(decoded) || !isObject(decoded.content)) {
        throw new BadRequest(`Could not parse body as ${expected} message: not a CBOR map with a "content" map`);
    }
    const content = decodeContent(decoded.content, expected) as Extract<Content, { request_type: T }>;
    const senderPubkey = optBytes(decoded.sender_pubkey, 'sender_pubkey');
    const senderSig = optBytes(decoded.sender_sig, 'sender_sig');
    const senderDelegation =
        decoded.sender_delegation === undefined ? undefined : decodeDelegations(decoded.sender_delegation);
    return {
        rawContent: decoded.content,
        content,
        ...(senderPubkey ? { senderPubkey } : {}),
        ...(senderSig ? { senderSig } : {}),
        ...(senderDelegation ? { senderDelegation } : {})
    };
}

export function principalOf(bytes: Uint8Array): Principal {
    return Principal.fromUint8Array(bytes);
}
