// A local Uptime Kuma monitor that notifies by upstream's rules (server/model/monitor.js 2.x,
// paraphrased): the first beat notifies only when DOWN; later beats when important for a
// notification (UP→DOWN, PENDING→DOWN, MAINTENANCE→DOWN, DOWN→UP), never DOWN→MAINTENANCE,
// MAINTENANCE→UP, UP→PENDING; while DOWN on beats that are not important, every `resendInterval`
// beats a resend (0 = never). A paused monitor has no beats at all. Bodies as webhook.js sends them.

export const DOWN = 0;
export const UP = 1;
export const PENDING = 2;
export const MAINTENANCE = 3;

export interface KumaBeat {
    at: number;
    status: number;
}

export interface KumaMonitorOptions {
    id?: number;
    contract?: string;
    interval?: number;
    resendInterval?: number;
}

const kumaTime = (at: number): string => new Date(at).toISOString().replace('T', ' ').replace('Z', '');

const importantForNotification = (first: boolean, prev: number | undefined, cur: number): boolean =>
    first || (prev === MAINTENANCE && cur === DOWN) || (prev === UP && cur === DOWN) || (prev === DOWN && cur === UP) || (prev === PENDING && cur === DOWN);

/** Whether the beat changes the monitor's state at all (then the down count restarts). */
const importantBeat = (first: boolean, prev: number | undefined, cur: number): boolean => first || prev !== cur;

export class KumaMonitor {
    readonly id: number;
    readonly contract: string;
    readonly interval: number;
    readonly resendInterval: number;

    constructor(o: KumaMonitorOptions = {}) {
        this.id = o.id ?? 7;
        this.contract = o.contract ?? '42';
        this.interval = o.interval ?? 60;
        this.resendInterval = o.resendInterval ?? 0;
    }

    monitorJSON(): Record<string, unknown> {
        return { id: this.id, name: 'web', type: 'http', url: 'https://10.0.0.7/', interval: this.interval, retryInterval: this.interval, resendInterval: this.resendInterval, tags: [{ tag_id: 1, monitor_id: this.id, name: 'contract', value: this.contract, color: '#000' }] };
    }

    heartbeatJSON(b: KumaBeat): Record<string, unknown> {
        return { monitorID: this.id, status: b.status, time: kumaTime(b.at), msg: b.status === UP ? 'OK' : 'timeout', ping: b.status === UP ? 21 : null, important: true, duration: this.interval, retries: 0, timezone: 'UTC', timezoneOffset: '+00:00', localDateTime: '' };
    }

    /** The webhook bodies Kuma sends for these beats, in order. */
    notifications(beats: readonly KumaBeat[]): Record<string, unknown>[] {
        const out: Record<string, unknown>[] = [];
        let prev: number | undefined;
        let downCount = 0;
        for (const [i, b] of beats.entries()) {
            const first = i === 0;
            if (importantBeat(first, prev, b.status)) {
                // Upstream's sendNotification skips a first beat that is not DOWN.
                if (importantForNotification(first, prev, b.status) && (!first || b.status === DOWN)) out.push(this.body(b));
                downCount = 0;
            } else if (b.status === DOWN && this.resendInterval > 0 && ++downCount >= this.resendInterval) {
                out.push(this.body(b));
                downCount = 0;
            }
            prev = b.status;
        }
        return out;
    }

    /** Beats every `interval` seconds over [from, to), the status from `statusAt`; `paused` minutes have no beats. */
    beats(from: number, to: number, statusAt: (t: number) => number | 'paused'): KumaBeat[] {
        const out: KumaBeat[] = [];
        for (let t = from; t < to; t += this.interval * 1000) {
            const s = statusAt(t);
            if (s !== 'paused') out.push({ at: t, status: s });
        }
        return out;
    }

    private body(b: KumaBeat): Record<string, unknown> {
        const text = b.status === DOWN ? '🔴 Down' : '✅ Up';
        return { heartbeat: this.heartbeatJSON(b), monitor: this.monitorJSON(), msg: `[web] [${text}] ${b.status === UP ? 'OK' : 'timeout'}` };
    }
}
