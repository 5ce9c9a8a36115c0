import { createHash } from 'node:crypto';
import { Cbor, Certificate, LookupPathStatus, lookup_path, lookupResultToBuffer, reconstruct, unwrapDER, type HashTree } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { VerificationError } from './errors.js';

/**
 * Canister signatures (IC interface spec, "Canister signatures"), the keys of Internet Identity
 * users. Key: DER(OID 1.3.6.1.4.1.56387.1.2, len ‖ canister id ‖ seed). Signature: CBOR
 * {certificate, tree}; valid when the certificate verifies against the root key (with its subnet
 * delegation, whose canister ranges must hold the canister), certifies the canister's
 * certified_data = root hash of `tree`, and `tree` has `sig / sha256(seed) / sha256(message)` = "".
 * As on the IC, the certificate's age is not checked: the delegation's expiration bounds it.
 */
export const CANISTER_SIG_OID = Uint8Array.from([0x30, 0x0c, 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xb8, 0x43, 0x01, 0x02]);

const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest());
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const equal = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

export function parseCanisterSigKey(der: Uint8Array): { canisterId: Principal; seed: Uint8Array } | null {
    if (der.length < 2 + CANISTER_SIG_OID.length || der[0] !== 0x30) return null;
    let payload: Uint8Array;
    try {
        payload = unwrapDER(der, CANISTER_SIG_OID);
    } catch {
        return null;
    }
    const len = payload[0] ?? 0;
    if (len === 0 || len > 29 || payload.length < 1 + len) return null;
    return { canisterId: Principal.fromUint8Array(payload.slice(1, 1 + len)), seed: payload.slice(1 + len) };
}

export function isCanisterSigKey(der: Uint8Array): boolean {
    return parseCanisterSigKey(der) !== null;
}

/**
 * A token bucket for certificate verifications (BLS pairings, ~40 ms of the event loop each):
 * anyone can send a well-formed canister signature with a bogus certificate, so their rate is
 * bounded. Honest sessions pay once: their delegation's signature is cached after it verifies.
 */
export class VerificationBudget {
    #tokens: number;
    #at: number;
    constructor(
        private readonly perSecond: number,
        private readonly burst: number,
        private readonly now: () => number = Date.now
    ) {
        this.#tokens = burst;
        this.#at = now();
    }
    take(): boolean {
        const t = this.now();
        this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#at) / 1000) * this.perSecond);
        this.#at = t;
        if (this.#tokens < 1) return false;
        this.#tokens -= 1;
        return true;
    }
}

/** Verified signatures (a session's delegation is presented with every proof): key → true. */
const verified = new Map<string, true>();
const CACHE_SIZE = 1_000;

export async function verifyCanisterSig(derKey: Uint8Array, message: Uint8Array, sigBytes: Uint8Array, rootKey: Uint8Array, budget?: VerificationBudget): Promise<boolean> {
    // Plain copies: decoded from a Buffer, byte strings are pooled Buffer views, and the agent's
    // lookup_path slices leaves by byteOffset.
    const der = Uint8Array.from(derKey);
    const signature = Uint8Array.from(sigBytes);
    const key = parseCanisterSigKey(der);
    if (key === null) return false;
    const cacheKey = Buffer.from(sha256(Buffer.concat([rootKey, der, sha256(message), signature]))).toString('hex');
    if (verified.has(cacheKey)) return true;
    const ok = await check(key, message, signature, rootKey, budget);
    if (ok) {
        if (verified.size >= CACHE_SIZE) verified.delete(verified.keys().next().value as string);
        verified.set(cacheKey, true);
    }
    return ok;
}

async function check(key: { canisterId: Principal; seed: Uint8Array }, message: Uint8Array, signature: Uint8Array, rootKey: Uint8Array, budget?: VerificationBudget): Promise<boolean> {
    let sig: { certificate?: unknown; tree?: unknown };
    try {
        sig = Cbor.decode(signature) as typeof sig;
    } catch {
        return false;
    }
    if (!(sig?.certificate instanceof Uint8Array) || !Array.isArray(sig.tree)) return false;
    const tree = sig.tree as HashTree;
    try {
        // Cheap checks first; the BLS verification in Certificate.create last.
        const leaf = lookup_path([utf8('sig'), sha256(key.seed), sha256(message)], tree);
        if (leaf.status !== LookupPathStatus.Found || !(leaf.value instanceof Uint8Array) || leaf.value.length !== 0) return false;
        const path = [utf8('canister'), key.canisterId.toUint8Array(), utf8('certified_data')];
        const unverified = Cbor.decode(sig.certificate) as { tree?: HashTree };
        const claimed = lookupResultToBuffer(lookup_path(path, unverified.tree as HashTree));
        if (claimed === undefined || !equal(claimed, await reconstruct(tree))) return false;
        if (budget && !budget.take()) throw new VerificationError('busy', 'too many new canister signatures to verify; retry in a few seconds');
        const cert = await Certificate.create({ certificate: sig.certificate, rootKey, canisterId: key.canisterId, disableTimeVerification: true });
        const certified = lookupResultToBuffer(cert.lookup_path(path));
        return certified !== undefined && equal(certified, claimed);
    } catch (e) {
        if (e instanceof VerificationError) throw e;
        return false;
    }
}
