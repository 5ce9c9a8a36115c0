import type { Core } from '../context.js';
import { JobKind } from '../outbox/kinds.js';
import { requestText } from '../util/http_client.js';
import { errorMessage } from '../util/log.js';
import { PARSERS } from './parsers.js';

export interface BenchmarkSource {
    kind: keyof typeof PARSERS;
    url: string;
    providerId: string;
}

/** Fetches each configured page or feed, parses it, and stores new reports (deduplicated by id). */
export class BenchmarkCollector {
    private timer: NodeJS.Timeout | null = null;

    constructor(
        private readonly core: Core,
        private readonly sources: BenchmarkSource[],
        private readonly intervalMs: number
    ) {}

    start(): void {
        if (this.sources.length === 0) return;
        const loop = (): void => {
            void this.collectAll().finally(() => {
                if (this.timer) this.timer = setTimeout(loop, this.intervalMs).unref();
            });
        };
        this.timer = setTimeout(loop, 0).unref();
    }

    stop(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
    }

    async collectAll(): Promise<number> {
        let added = 0;
        for (const s of this.sources) added += await this.collect(s);
        if (added > 0) this.core.wake(JobKind.benchmarkReport);
        return added;
    }

    private async collect(s: BenchmarkSource): Promise<number> {
        try {
            const body = await requestText(s.url, { timeoutMs: 30_000, headers: { accept: 'text/html,application/json' } });
            const reports = PARSERS[s.kind](body, s);
            return await this.core.commit.run(() =>
                reports.reduce((n, r) => n + Number(this.core.store.insert({ kind: JobKind.benchmarkReport, dedupeKey: r.id, payload: r })), 0)
            );
        } catch (e) {
            this.core.log.warn('benchmark source failed', { url: s.url, kind: s.kind, error: errorMessage(e) });
            return 0;
        }
    }
}
