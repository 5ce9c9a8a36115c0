import type { Core } from '../context.js';
import type { CanisterGateway } from '../gateway/types.js';
import { JobKind } from '../outbox/kinds.js';
import { errorMessage } from '../util/log.js';
import { agentJobKey } from './provisioning.js';
import { recordTenants } from './tenants.js';
import { takeSilent } from './waiting.js';
import type { NotifyRequest } from '../notify/types.js';

/**
 * Periodic: turns providers known to the canister into Chatwoot agent jobs (deduplicated by id, so
 * re-listing is harmless), learns each contract's tenant, and flags conversations gone silent.
 */
export class ChatwootSync {
    private timer: NodeJS.Timeout | null = null;

    constructor(
        private readonly core: Core,
        private readonly gateway: CanisterGateway,
        private readonly intervalMs: number,
        private readonly silenceAfterMs: number
    ) {}

    start(): void {
        const loop = (): void => {
            void this.round().finally(() => {
                if (this.timer) this.timer = setTimeout(loop, this.intervalMs).unref();
            });
        };
        this.timer = setTimeout(loop, 0).unref();
    }

    stop(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
    }

    async round(): Promise<void> {
        await this.syncDirectory().catch((e: unknown) => this.core.log.warn('chatwoot sync failed', { error: errorMessage(e) }));
        this.flagSilence();
    }

    private async syncDirectory(): Promise<void> {
        const [providers, contracts] = await Promise.all([this.gateway.listProviders(), this.gateway.listContracts()]);
        const added = await this.core.commit.run(() => {
            recordTenants(this.core.store.db, contracts);
            let n = 0;
            // One agent per provider and email: a provider without an email gets none (until it adds one).
            for (const p of providers) if (p.email) n += Number(this.core.store.insert({ kind: JobKind.chatwootAgent, dedupeKey: agentJobKey(p.providerId, p.email), payload: p }));
            return n;
        });
        if (added > 0) {
            this.core.wake(JobKind.chatwootAgent);
        }
    }

    flagSilence(): void {
        const now = this.core.clock.now();
        const silent = this.core.store.db.transaction(() => {
            const rows = takeSilent(this.core.store.db, now, this.silenceAfterMs);
            for (const s of rows) {
                const req: NotifyRequest = {
                    reason: 'silence',
                    contractId: s.contractId,
                    accountId: s.accountId,
                    conversationId: s.conversationId,
                    text: `A customer on contract ${s.contractId} has waited ${Math.round((now - s.waitingSince) / 60_000)} minutes for an answer.`
                };
                this.core.store.insert({ kind: JobKind.notify, dedupeKey: `notify:silence:${s.accountId}:${s.conversationId}:${s.waitingSince}`, payload: req });
            }
            return rows.length;
        })();
        if (silent > 0) this.core.wake(JobKind.notify);
    }
}
