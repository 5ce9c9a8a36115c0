import type { Job } from '../outbox/store.js';
import type { JobResult, Lane } from '../outbox/forwarder.js';
import { JobKind } from '../outbox/kinds.js';
import { isPermanent } from './errors.js';
import type { BatchOutcome, BenchmarkReport, CanisterGateway, ConversationEvent, UptimeMinute } from './types.js';

/** Lanes that forward stored signals to the canister in batches (one update call per batch). */
export function canisterLanes(gateway: CanisterGateway, batchSize: number): Lane<{ id: string }>[] {
    return [
        batchLane<ConversationEvent>(JobKind.conversationEvent, batchSize, (items) => gateway.submitConversationEvents(items)),
        batchLane<UptimeMinute>(JobKind.uptimeMinute, batchSize, (items) => gateway.submitUptimeBatch(items)),
        batchLane<BenchmarkReport>(JobKind.benchmarkReport, batchSize, (items) => gateway.submitBenchmarkReports(items))
    ] as Lane<{ id: string }>[];
}

function batchLane<T extends { id: string }>(kind: string, batchSize: number, submit: (items: T[]) => Promise<BatchOutcome>): Lane<T> {
    return {
        kind,
        batchSize,
        isPermanent,
        async handle(jobs: Job<T>[]): Promise<Map<number, JobResult>> {
            const outcome = await submit(jobs.map((j) => j.payload));
            const rejected = new Map(outcome.rejected.map((r) => [r.id, r.reason]));
            const results = new Map<number, JobResult>();
            for (const job of jobs) {
                const reason = rejected.get(job.payload.id);
                results.set(job.id, reason === undefined ? { status: 'done' } : { status: 'dead', error: `canister rejected: ${reason}` });
            }
            return results;
        }
    };
}
