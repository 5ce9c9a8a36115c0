import type { Core } from '../context.js';
import type { CanisterGateway, ProvisionedContract } from '../gateway/types.js';
import { errorMessage } from '../util/log.js';
import { probe } from './probe.js';
import { insertSample, rollUpMinutes } from './samples.js';

export interface ProberOptions {
    intervalMs: number;
    timeoutMs: number;
    concurrency: number;
    refreshMs: number;
}

/**
 * Probes every provisioned contract's endpoint each interval, stores each sample durably, and
 * rolls closed minutes into `uptime.minute` jobs (samples from Kuma and push heartbeats too).
 */
export class Prober {
    private contracts: ProvisionedContract[] = [];
    private refreshedAt = -Infinity;
    private timer: NodeJS.Timeout | null = null;
    private running: Promise<void> | null = null;

    constructor(
        private readonly core: Core,
        private readonly gateway: CanisterGateway,
        private readonly opts: ProberOptions,
        private readonly probeEnabled: boolean
    ) {}

    start(): void {
        const loop = (): void => {
            this.running = this.round().finally(() => {
                this.running = null;
                if (this.timer) this.timer = setTimeout(loop, this.opts.intervalMs).unref();
            });
        };
        this.timer = setTimeout(loop, 0).unref();
    }

    async stop(): Promise<void> {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        await this.running;
    }

    /** One round: refresh the contract list when due, probe all, roll up closed minutes. */
    async round(): Promise<void> {
        try {
            if (this.probeEnabled) {
                await this.refresh();
                await this.probeAll();
            }
            const rolled = rollUpMinutes(this.core.store, this.core.clock.now());
            if (rolled > 0) this.core.wake('canister.uptime_minute');
        } catch (e) {
            this.core.log.error('prober round failed', { error: errorMessage(e) });
        }
    }

    private async refresh(): Promise<void> {
        if (this.core.clock.now() - this.refreshedAt < this.opts.refreshMs) return;
        try {
            this.contracts = (await this.gateway.listProvisionedContracts()).filter((c) => c.endpoint !== '');
            this.refreshedAt = this.core.clock.now();
        } catch (e) {
            this.core.log.warn('could not refresh provisioned contracts; probing the last known list', { error: errorMessage(e) });
        }
    }

    private async probeAll(): Promise<void> {
        const queue = [...this.contracts];
        const worker = async (): Promise<void> => {
            for (let c = queue.shift(); c; c = queue.shift()) await this.probeOne(c);
        };
        await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, queue.length) }, worker));
    }

    private async probeOne(c: ProvisionedContract): Promise<void> {
        const at = this.core.clock.now();
        const r = await probe(c.endpoint, this.opts.timeoutMs);
        this.core.metrics.inc('relay_probes_total', { result: r.up ? 'up' : 'down' }, 1, 'Endpoint probes by result');
        await this.core.commit.run(() =>
            insertSample(this.core.store.db, { contractId: c.contractId, source: 'Probe', at, up: r.up, latencyMs: r.latencyMs })
        );
    }
}
