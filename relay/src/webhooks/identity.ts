import { HttpAgent, IC_ROOT_KEY } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Core } from '../context.js';
import { badRequest } from '../http/errors.js';
import { parseJson } from '../http/json.js';
import type { Handler, Reply, RequestContext } from '../http/router.js';
import { setContacts } from '../notify/contacts.js';
import { VerificationError } from '../verify/errors.js';
import { hmacSha256Hex } from '../verify/hmac.js';
import { VerificationBudget } from '../verify/canister_sig.js';
import { principalProofSchema, verifyPrincipalProof } from '../verify/principal_proof.js';

/** The header that carries the principal proof (JSON) of a request. */
export const PRINCIPAL_PROOF_HEADER = 'x-principal-proof';
const MAX_HEADER_CHARS = 16_000;
const TOLERANCE_MS = 300_000;
/** New canister signatures verified per second (burst 40): a few dozen sign-ins a second. */
const CERTIFICATE_CHECKS_PER_SECOND = 20;

export interface ProofGate {
    /** The proven principal of a request, and the key that makes its proof single-use. */
    verify(ctx: RequestContext): Promise<{ principal: string; replayKey: string }>;
    /** Inside the commit of the action: throws `replayed` when the proof was used before. */
    consume(replayKey: string): void;
}

/**
 * Principal proofs in the `x-principal-proof` header, bound to the request's method, path and
 * body, each usable once (receipts outlive the proof's validity window). The root key for
 * canister signatures is the IC's, or localnet's fetched from IC_HOST in development.
 */
export function proofGate(core: Core, c: Pick<Config, 'IC_HOST' | 'fetchRootKey' | 'MARKETPLACE_CANISTER_ID'>): ProofGate {
    const rootKey = rootKeySource(c);
    const audience = Principal.fromText(c.MARKETPLACE_CANISTER_ID);
    const budget = new VerificationBudget(CERTIFICATE_CHECKS_PER_SECOND, 2 * CERTIFICATE_CHECKS_PER_SECOND, () => core.clock.now());
    return {
        async verify(ctx) {
            const proof = parseProofHeader(ctx.headers[PRINCIPAL_PROOF_HEADER]);
            const request = { method: ctx.method, path: ctx.path, body: ctx.rawBody };
            const principal = await verifyPrincipalProof(proof, request, { nowMs: core.clock.now(), rootKey, audience, toleranceMs: TOLERANCE_MS, budget });
            return { principal: principal.toText(), replayKey: `${principal.toText()}:${proof.nonce.toLowerCase()}` };
        },
        consume(replayKey) {
            if (!core.store.receipt('principal-proof', replayKey)) throw new VerificationError('replayed', 'this proof was already used');
        }
    };
}

function rootKeySource(c: Pick<Config, 'IC_HOST' | 'fetchRootKey'>): () => Promise<Uint8Array> {
    if (!c.fetchRootKey) {
        const key = new Uint8Array(Buffer.from(IC_ROOT_KEY, 'hex'));
        return () => Promise.resolve(key);
    }
    let pending: Promise<Uint8Array> | null = null;
    return () => {
        pending ??= HttpAgent.create({ host: c.IC_HOST, shouldFetchRootKey: true }).then((agent) => {
            if (!agent.rootKey) throw new Error(`no root key from ${c.IC_HOST}`);
            return agent.rootKey;
        });
        pending.catch(() => (pending = null));
        return pending;
    };
}

function parseProofHeader(value: string | string[] | undefined): z.infer<typeof principalProofSchema> {
    if (typeof value !== 'string') throw new VerificationError('missing_header', `${PRINCIPAL_PROOF_HEADER} header is required`);
    if (value.length > MAX_HEADER_CHARS) throw new VerificationError('malformed_header', `${PRINCIPAL_PROOF_HEADER} is too long`);
    let json: unknown;
    try {
        json = JSON.parse(value);
    } catch {
        throw new VerificationError('malformed_header', `${PRINCIPAL_PROOF_HEADER} is not JSON`);
    }
    const parsed = principalProofSchema.safeParse(json);
    if (!parsed.success) throw new VerificationError('malformed_header', `${PRINCIPAL_PROOF_HEADER}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
}

/**
 * POST /chatwoot/identity (proof header, any body): the widget's `identifier_hash` for the
 * principal, only to a caller who proves that principal for this very request.
 */
export function identityHash(core: Core, inboxHmacToken: string, proofs: ProofGate): Handler {
    return async (ctx): Promise<Reply> => {
        const { principal, replayKey } = await proofs.verify(ctx);
        await core.commit.run(() => proofs.consume(replayKey));
        core.metrics.inc('relay_identity_hashes_total', {}, 1, 'Widget identity hashes served');
        return { status: 200, body: { identifier: principal, identifier_hash: hmacSha256Hex(inboxHmacToken, principal) } };
    };
}

const contactsSchema = z.object({
    telegramChatId: z.string().regex(/^-?\d{1,20}$/).nullish(),
    email: z.string().email().max(254).nullish(),
    phone: z.string().regex(/^\+\d{6,15}$/, 'E.164, e.g. +41791234567').nullish()
});

/** PUT /providers/contacts: a provider, proven for this request, sets where to be notified. */
export function providerContacts(core: Core, proofs: ProofGate): Handler {
    return async (ctx): Promise<Reply> => {
        const parsed = contactsSchema.strict().safeParse(parseJson(ctx.rawBody));
        if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        const { principal: providerId, replayKey } = await proofs.verify(ctx);
        const b = parsed.data;
        const contacts = { telegramChatId: b.telegramChatId ?? null, email: b.email ?? null, phone: b.phone ?? null };
        await core.commit.run(() => {
            proofs.consume(replayKey);
            setContacts(core.store.db, providerId, contacts, core.clock.now());
        });
        return { status: 200, body: { providerId, saved: true } };
    };
}
