import type Database from 'better-sqlite3';
import type { CanisterGateway, ProviderRecord } from '../gateway/types.js';
import type { Logger } from '../util/log.js';
import type { BindRequest } from './signals.js';
import type { JobResult, Lane } from '../outbox/forwarder.js';
import { JobKind } from '../outbox/kinds.js';
import type { Job } from '../outbox/store.js';
import { HttpError } from '../util/http_client.js';
import { errorMessage } from '../util/log.js';
import type { ChatwootClient } from './client.js';
import { getLink, setLink } from './links.js';
import { prepared } from '../outbox/prepared.js';

export interface ProvisioningDeps {
    db: Database.Database;
    chatwoot: ChatwootClient;
    accountId: number;
    inboxId: number;
}

export const agentJobKey = (providerId: string, email: string): string => `chatwoot:agent:${providerId}:${email.toLowerCase()}`;

/** `chatwoot.agent`: a Chatwoot agent for a provider's email (a new email, a new agent link). */
export function agentLane(deps: ProvisioningDeps): Lane<ProviderRecord> {
    return singleLane(JobKind.chatwootAgent, async (p) => {
        if (!p.email) return { status: 'dead', error: 'provider has no email address for a Chatwoot agent' };
        const id = await deps.chatwoot.ensureAgent(p.name || p.providerId, p.email);
        setLink(deps.db, 'agent', p.providerId, id);
        return { status: 'done' };
    });
}

/**
 * `chatwoot.bind`: a conversation the tenant started in the widget under a contract identity is
 * labelled with the contract (for the provider's agents and reports) and assigned to the provider's
 * agent. The relay reads the contract from the verified contact, not from these attributes.
 */
export function bindLane(deps: ProvisioningDeps & { gateway: CanisterGateway; log: Logger }): Lane<BindRequest> {
    return singleLane(JobKind.chatwootBind, async (b) => {
        const contract = await deps.gateway.getContractForPayment(b.contractId);
        if (!contract) return { status: 'dead', error: `unknown contract ${b.contractId}` };
        await deps.chatwoot.setCustomAttributes(b.accountId, b.conversationId, { contract_id: b.contractId, provider_id: contract.providerId });
        prepared(deps.db, `INSERT INTO conversations (account_id, conversation_id, contract_id, provider_id) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET provider_id = excluded.provider_id`)
            .run(b.accountId, b.conversationId, b.contractId, contract.providerId);
        const agentId = getLink(deps.db, 'agent', contract.providerId);
        if (agentId !== null) {
            await deps.chatwoot.assign(b.accountId, b.conversationId, agentId);
            return { status: 'done' };
        }
        // No agent yet: wait while the agent lane is creating one; a provider without an email has none.
        const creating = prepared(deps.db, `SELECT 1 FROM jobs WHERE kind = ? AND state = 'pending' AND dedupe_key LIKE ?`).get(JobKind.chatwootAgent, `chatwoot:agent:${contract.providerId}:%`);
        if (creating) return { status: 'retry', error: `provider ${contract.providerId} has no Chatwoot agent yet` };
        deps.log.warn('conversation left unassigned: the provider has no Chatwoot agent (no email address)', { conversationId: b.conversationId, providerId: contract.providerId });
        return { status: 'done' };
    });
}

/** A lane that handles its jobs one at a time; HTTP 4xx other than auth errors are permanent. */
export function singleLane<T>(kind: string, one: (payload: T) => Promise<JobResult>): Lane<T> {
    return {
        kind,
        batchSize: 10,
        async handle(jobs: Job<T>[]): Promise<Map<number, JobResult>> {
            const results = new Map<number, JobResult>();
            for (const job of jobs) {
                try {
                    results.set(job.id, await one(job.payload));
                } catch (e) {
                    const permanent = e instanceof HttpError && !e.transient && e.status !== 401 && e.status !== 403;
                    results.set(job.id, { status: permanent ? 'dead' : 'retry', error: errorMessage(e) });
                }
            }
            return results;
        }
    };
}
