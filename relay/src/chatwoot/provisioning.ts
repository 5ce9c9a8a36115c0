import type Database from 'better-sqlite3';
import type { CanisterGateway, ProviderRecord } from '../gateway/types.js';
import type { OutboxStore } from '../outbox/store.js';
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

/** `chatwoot.agent`: one Chatwoot agent per registered provider. */
export function agentLane(deps: ProvisioningDeps): Lane<ProviderRecord> {
    return singleLane(JobKind.chatwootAgent, async (p) => {
        if (getLink(deps.db, 'agent', p.providerId) !== null) return { status: 'done' };
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
export function bindLane(deps: ProvisioningDeps & { gateway: CanisterGateway; store: OutboxStore }): Lane<BindRequest> {
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
        // No agent yet: wait for the agent lane, unless it gave up (the provider has no email).
        const agentJob = deps.store.row(`chatwoot:agent:${contract.providerId}`);
        if (agentJob?.state === 'dead') return { status: 'done' };
        return { status: 'retry', error: `provider ${contract.providerId} has no Chatwoot agent yet` };
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
