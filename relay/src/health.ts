import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Core } from './context.js';
import type { Reply } from './http/router.js';
import { errorMessage } from './util/log.js';

/**
 * GET /health: 200 when the database answers (503 otherwise); "degraded" with the reasons when jobs
 * are dead — work the relay gave up on is never reported as "ok".
 */
export function health(core: Core): Reply {
    try {
        core.store.db.prepare('SELECT 1').get();
        const counts = core.store.counts();
        const total = (state: string): number => counts.filter((c) => c.state === state).reduce((a, c) => a + c.count, 0);
        const pending = total('pending');
        const dead = total('dead');
        const reasons = core.store.deadSummary().map((d) => `${d.count} dead ${d.kind} job${d.count === 1 ? '' : 's'}${d.lastError ? `, latest: ${d.lastError.slice(0, 200)}` : ''}`);
        const status = reasons.length > 0 ? 'degraded' : 'ok';
        return { status: 200, body: { status, ...(reasons.length > 0 ? { reasons } : {}), pending, dead, oldestPendingMs: core.store.oldestPendingAgeMs() } };
    } catch (e) {
        return { status: 503, body: { status: 'unavailable', error: errorMessage(e) } };
    }
}

export function registerQueueGauges(core: Core): void {
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    core.metrics.gauges(() => [
        { name: 'relay_event_loop_lag_max_seconds', help: 'Longest event-loop stall since start', labels: {}, value: lag.max / 1e9 },
        { name: 'relay_event_loop_lag_p99_seconds', help: 'p99 event-loop delay since start', labels: {}, value: lag.percentile(99) / 1e9 },
        ...core.store.counts().map((c) => ({ name: 'relay_outbox_jobs', help: 'Outbox jobs by kind and state', labels: { kind: c.kind, state: c.state }, value: c.count })),
        { name: 'relay_outbox_oldest_pending_seconds', help: 'Age of the oldest pending job', labels: {}, value: core.store.oldestPendingAgeMs() / 1000 }
    ]);
}
