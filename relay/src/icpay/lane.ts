import type Database from 'better-sqlite3';
import { GatewayError } from '../gateway/errors.js';
import type { CanisterGateway } from '../gateway/types.js';
import type { JobResult, Lane } from '../outbox/forwarder.js';
import { JobKind } from '../outbox/kinds.js';
import type { Job } from '../outbox/store.js';
import type { Clock } from '../util/clock.js';
import { errorMessage, type Logger } from '../util/log.js';
import { judgePayment } from './check.js';
import type { IcpayClient } from './client.js';
import { contractIdOfPayment, type IcpayPayment, type PaymentAggregate, type PaymentJob } from './payload.js';
import { prepared } from '../outbox/prepared.js';

export interface IcpayLaneDeps {
    db: Database.Database;
    icpay: IcpayClient;
    gateway: CanisterGateway;
    allowedLedgers: readonly string[];
    clock: Clock;
    log: Logger;
}

/** `icpay.payment`: re-fetch the payment, check it against the contract, credit or record why not. */
export function icpayLane(deps: IcpayLaneDeps): Lane<PaymentJob> {
    return {
        kind: JobKind.icpayPayment,
        batchSize: 10,
        async handle(jobs: Job<PaymentJob>[]): Promise<Map<number, JobResult>> {
            const results = new Map<number, JobResult>();
            for (const job of jobs) results.set(job.id, await processOne(deps, job.payload.paymentId));
            return results;
        }
    };
}

async function processOne(deps: IcpayLaneDeps, paymentId: string): Promise<JobResult> {
    let aggregate: PaymentAggregate;
    try {
        aggregate = await deps.icpay.getPayment(paymentId);
    } catch (e) {
        return { status: 'retry', error: `re-fetch failed: ${errorMessage(e)}` };
    }
    const payment = aggregate.payment;
    const contractId = contractIdOfPayment(aggregate);
    try {
        const contract = contractId ? await deps.gateway.getContractForPayment(contractId) : null;
        const verdict = judgePayment(payment, contract, deps.allowedLedgers);
        if (verdict.kind === 'wait') return { status: 'retry', error: verdict.reason };
        if (verdict.kind === 'refuse') {
            record(deps, payment, contractId, 'not_credited', verdict.reason);
            deps.log.warn('payment not credited', { paymentId, contractId, reason: verdict.reason });
            return { status: 'done' };
        }
        const outcome = await deps.gateway.notifyIcpayPayment(verdict.credit);
        // A late or duplicate payment (contract closed or already paid) is booked and refunded by the canister: done, not dead.
        const outcomes = { credited: ['credited', null], duplicate: ['credited', 'already credited'], refunded: ['refunded_by_canister', 'contract closed or already paid: refunded'] } as const;
        const [stored, note] = outcomes[outcome.kind];
        record(deps, payment, contractId, stored, note);
        deps.log.info('payment booked by the canister', { paymentId, contractId, canisterTxId: verdict.credit.canisterTxId.toString(), outcome: outcome.kind });
        return { status: 'done' };
    } catch (e) {
        if (e instanceof GatewayError && e.kind === 'rejected') {
            // The canister's verdict after its own on-chain check: final, recorded, not retried.
            record(deps, payment, contractId, 'refused_by_canister', errorMessage(e));
            deps.log.warn('payment refused by the canister', { paymentId, contractId, reason: errorMessage(e) });
            return { status: 'done' };
        }
        return { status: 'retry', error: errorMessage(e) };
    }
}

function record(deps: IcpayLaneDeps, p: IcpayPayment, contractId: string | null, outcome: string, reason: string | null): void {
    prepared(deps.db,
            `INSERT INTO payments (payment_id, contract_id, status, outcome, reason, amount, ledger, updated_at)
             VALUES (@id, @contract, @status, @outcome, @reason, @amount, @ledger, @now)
             ON CONFLICT DO UPDATE SET contract_id = excluded.contract_id, status = excluded.status, outcome = excluded.outcome,
                 reason = excluded.reason, amount = excluded.amount, ledger = excluded.ledger, updated_at = excluded.updated_at`
        )
        .run({
            id: p.id,
            contract: contractId,
            status: p.status,
            outcome,
            reason,
            amount: (p.paidAmount ?? p.amount)?.toString() ?? null,
            ledger: p.ledgerCanisterId ?? null,
            now: deps.clock.now()
        });
}
