import { z } from 'zod';
import type { Core } from '../context.js';
import { badRequest } from '../http/errors.js';
import type { Handler, Reply } from '../http/router.js';
import { setContacts } from '../notify/contacts.js';
import { hmacSha256Hex } from '../verify/hmac.js';
import { principalProofSchema, verifyPrincipalProof } from '../verify/principal_proof.js';
import { parseJson } from '../http/json.js';

/**
 * POST /chatwoot/identity `{ proof }`: the widget's `identifier_hash` for the principal, only
 * to a caller who signed the `chatwoot-identity` challenge with that principal's key.
 */
export function identityHash(core: Core, inboxHmacToken: string): Handler {
    return (ctx): Reply => {
        const proof = parseProof(ctx.rawBody);
        const principal = verifyPrincipalProof(proof, 'chatwoot-identity', core.clock.now()).toText();
        core.metrics.inc('relay_identity_hashes_total', {}, 1, 'Widget identity hashes served');
        return { status: 200, body: { identifier: principal, identifier_hash: hmacSha256Hex(inboxHmacToken, principal) } };
    };
}

const contactsSchema = z.object({
    proof: principalProofSchema,
    telegramChatId: z.string().regex(/^-?\d{1,20}$/).nullish(),
    email: z.string().email().max(254).nullish(),
    phone: z.string().regex(/^\+\d{6,15}$/, 'E.164, e.g. +41791234567').nullish()
});

/** PUT /providers/contacts: a provider (proven by a `provider-contacts` proof) sets where to be notified. */
export function providerContacts(core: Core): Handler {
    return async (ctx): Promise<Reply> => {
        const parsed = contactsSchema.safeParse(parseJson(ctx.rawBody));
        if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        const b = parsed.data;
        const providerId = verifyPrincipalProof(b.proof, 'provider-contacts', core.clock.now()).toText();
        const contacts = { telegramChatId: b.telegramChatId ?? null, email: b.email ?? null, phone: b.phone ?? null };
        await core.commit.run(() => setContacts(core.store.db, providerId, contacts, core.clock.now()));
        return { status: 200, body: { providerId, saved: true } };
    };
}

function parseProof(raw: Buffer): z.infer<typeof principalProofSchema> {
    const body = parseJson(raw) as { proof?: unknown } | null;
    const parsed = principalProofSchema.safeParse(body?.proof ?? body);
    if (!parsed.success) throw badRequest(`proof: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
}
