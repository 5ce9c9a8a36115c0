import type { GroupCommitter } from './outbox/group_commit.js';
import type { OutboxStore } from './outbox/store.js';
import type { Metrics } from './metrics.js';
import type { Clock } from './util/clock.js';
import type { Logger } from './util/log.js';

/** What request handlers and background tasks share: the durable store and its group commit. */
export interface Core {
    store: OutboxStore;
    commit: GroupCommitter;
    /** Nudges the forwarder lane of a job kind after new work was committed. */
    wake(kind: string): void;
    clock: Clock;
    log: Logger;
    metrics: Metrics;
}
