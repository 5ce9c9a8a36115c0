import { z } from 'zod';
import { contractIdentifier } from '../chatwoot/contact_identity.js';
import { recordTenants } from '../chatwoot/tenants.js';
import type { Core } from '../context.js';
import type { CanisterGateway } from '../gateway/types.js';
import { parseJson } from '../http/json.js';
import { badRequest, HttpRequestError } from '../http/errors.js';
import type { Handler, Reply } from '../http/router.js';
import { prepared } from '../outbox/prepared.js';
import { hmacSha256Hex } from '../verify/hmac.js';
import type { ProofGate } from './identity.js';

const bodySchema = z.object({ contractId: z.string().regex(/^\d{1,20}$/, 'a contract id') }).strict();

/**
 * POST /chatwoot/contract-identity `{ contractId }` with a principal proof header: the widget identity of a tenant *for one
 * contract* (`<principal>/contract/<id>` and its `identifier_hash`), only to the contract's tenant.
 * The widget then shows that contact's conversations only, so what is written there is about the contract.
 */
export function contractIdentity(core: Core, gateway: CanisterGateway, inboxHmacToken: string, proofs: ProofGate): Handler {
    return async (ctx): Promise<Reply> => {
        const parsed = bodySchema.safeParse(parseJson(ctx.rawBody));
        if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        const { contractId } = parsed.data;
        const { principal, replayKey } = await proofs.verify(ctx);
        const tenant = await tenantOf(core, gateway, contractId);
        if (tenant !== principal) throw new HttpRequestError(403, 'not_the_tenant', `contract ${contractId} is not yours`);
        await core.commit.run(() => proofs.consume(replayKey));
        const identifier = contractIdentifier(principal, contractId);
        core.metrics.inc('relay_identity_hashes_total', {}, 1, 'Widget identity hashes served');
        return { status: 200, body: { identifier, identifier_hash: hmacSha256Hex(inboxHmacToken, identifier) } };
    };
}

/** From the tenants the relay has listed; a contract newer than the last listing is asked for once. */
async function tenantOf(core: Core, gateway: CanisterGateway, contractId: string): Promise<string | null> {
    const row = prepared(core.store.db, 'SELECT tenant_id FROM contract_tenants WHERE contract_id = ?').get(contractId) as { tenant_id: string } | undefined;
    if (row) return row.tenant_id;
    const contract = await gateway.getContractForPayment(contractId);
    if (!contract) return null;
    await core.commit.run(() => recordTenants(core.store.db, [contract]));
    return contract.tenantId;
}
