import type Database from 'better-sqlite3';
import type { ContractRecord, ProviderRecord } from '../gateway/types.js';
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

/** `chatwoot.conversation`: one conversation per contract, `contract_id` as a custom attribute. */
export function conversationLane(deps: ProvisioningDeps): Lane<ContractRecord> {
    return singleLane(JobKind.chatwootConversation, async (c) => {
        if (getLink(deps.db, 'conversation', c.contractId) !== null) return { status: 'done' };
        const contactId = getLink(deps.db, 'contact', c.tenantId) ?? (await deps.chatwoot.ensureContact(deps.inboxId, c.tenantId, `Tenant ${c.tenantId.slice(0, 11)}`));
        setLink(deps.db, 'contact', c.tenantId, contactId);
        const attrs = { contract_id: c.contractId, provider_id: c.providerId };
        const convId = await deps.chatwoot.ensureConversation(deps.inboxId, contactId, attrs, `Conversation for contract ${c.contractId}`);
        setLink(deps.db, 'conversation', c.contractId, convId);
        prepared(deps.db, `INSERT INTO conversations (account_id, conversation_id, contract_id, provider_id) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET provider_id = excluded.provider_id`)
            .run(deps.accountId, convId, c.contractId, c.providerId);
        const agentId = getLink(deps.db, 'agent', c.providerId);
        if (agentId !== null) await deps.chatwoot.assign(convId, agentId);
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
