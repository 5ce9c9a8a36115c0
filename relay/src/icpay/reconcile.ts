import type { Core } from '../context.js';
import type { CanisterGateway } from '../gateway/types.js';
import { JobKind } from '../outbox/kinds.js';
import { errorMessage } from '../util/log.js';
import type { IcpayClient } from './client.js';
import type { PaymentJob } from './payload.js';

export interface ReconcileOptions {
    intervalMs: number;
    /** Contracts created this recently (canister time) are asked about. */
    windowMs: number;
    canisterOffsetMs: () => number;
}

/**
 * Webhooks can be missed (an outage, an exhausted retry count): every interval the relay asks ICPay
 * for the completed payments carrying the `contractId` of each recent contract and queues the ones
 * it has not seen. The job's dedupe key is the webhook path's (`icpay:payment:<id>`), and the lane
 * re-fetches and the canister refuses a payment id twice, so both paths together credit once.
 */
export class IcpayReconciler {
    private timer: NodeJS.Timeout | null = null;

    constructor(
        private readonly core: Core,
        private readonly gateway: CanisterGateway,
        private readonly icpay: IcpayClient,
        private readonly o: ReconcileOptions
    ) {}

    start(): void {
        const loop = (): void => {
            void this.round()
                .catch((e: unknown) => this.core.log.warn('icpay reconciliation failed', { error: errorMessage(e) }))
                .finally(() => {
                    if (this.timer) this.timer = setTimeout(loop, this.o.intervalMs).unref();
                });
        };
        this.timer = setTimeout(loop, Math.min(this.o.intervalMs, 30_000)).unref();
    }

    stop(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
    }

    /** One pass; returns how many payments were newly queued. */
    async round(): Promise<number> {
        const since = this.core.clock.now() + this.o.canisterOffsetMs() - this.o.windowMs;
        const recent = (await this.gateway.listContracts()).filter((c) => c.createdAt >= since);
        let queued = 0;
        for (const c of recent) {
            const payments = await this.icpay.paymentsByMetadata({ contractId: c.contractId });
            queued += await this.core.commit.run(() => {
                let n = 0;
                for (const { payment } of payments) {
                    const job: PaymentJob = { paymentId: payment.id, eventId: 'reconciliation', eventType: 'reconciliation' };
                    n += Number(this.core.store.insert({ kind: JobKind.icpayPayment, dedupeKey: `icpay:payment:${payment.id}`, payload: job }));
                }
                return n;
            });
        }
        if (queued > 0) {
            this.core.log.warn('icpay payments found by reconciliation (webhooks missed)', { queued });
            this.core.metrics.inc('relay_icpay_reconciled_total', {}, queued, 'ICPay payments queued by reconciliation, not by a webhook');
            this.core.wake(JobKind.icpayPayment);
        }
        return queued;
    }
}
