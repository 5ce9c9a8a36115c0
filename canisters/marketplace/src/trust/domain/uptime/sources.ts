// The one registry of monitor sources, by the name Candid carries (`UptimeReport.source`). Trust's
// rules, the Candid variant (trust/candid.ts) and the relay (relay/src/prober/sources.ts) read it;
// adding a source is one entry here. Pure, imports nothing: the relay imports it as it is.

/**
 * platform: a platform reporter's measurement (Monitor role): its own probes, or a state-change
 * notifier the platform operates (one shared secret): each principal casts one vote a minute.
 * tenant: relayed from the tenant's server (push heartbeats). declared: a monitor the provider or
 * the tenant declared reports its own checks. Only platform votes decide a minute.
 */
export type SourceClass = 'platform' | 'tenant' | 'declared';

export interface SourceSpec {
    cls: SourceClass;
    /** At most one sample a minute (a state-change notifier or a heartbeat, not a prober). */
    oneSample: boolean;
    /** The platform's own prober: within one principal's vote it takes precedence over notifiers. */
    prober: boolean;
}

export const MONITOR_SOURCES = {
    Probe: { cls: 'platform', oneSample: false, prober: true },
    Kuma: { cls: 'platform', oneSample: true, prober: false },
    Push: { cls: 'tenant', oneSample: true, prober: false },
    Monitor: { cls: 'declared', oneSample: false, prober: false },
    Alertmanager: { cls: 'platform', oneSample: true, prober: false }
} as const satisfies Record<string, SourceSpec>;

export type UptimeSource = keyof typeof MONITOR_SOURCES;

export const SOURCE_NAMES = Object.keys(MONITOR_SOURCES) as UptimeSource[];

export const isUptimeSource = (s: string): s is UptimeSource => Object.prototype.hasOwnProperty.call(MONITOR_SOURCES, s);

export const sourceSpec = (s: UptimeSource): SourceSpec => MONITOR_SOURCES[s];
