/** Counters, gauges and one latency histogram, rendered in the Prometheus text format. */
type Labels = Record<string, string>;

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Histogram {
    counts: number[];
    sum: number;
    count: number;
}

export class Metrics {
    private readonly counters = new Map<string, Map<string, number>>();
    private readonly help = new Map<string, string>();
    private readonly histograms = new Map<string, Histogram>();
    private readonly gaugeSources: (() => { name: string; help: string; labels: Labels; value: number }[])[] = [];

    inc(name: string, labels: Labels = {}, by = 1, help = name): void {
        this.help.set(name, help);
        const series = this.counters.get(name) ?? new Map<string, number>();
        const key = labelText(labels);
        series.set(key, (series.get(key) ?? 0) + by);
        this.counters.set(name, series);
    }

    observeRequest(route: string, status: number, seconds: number): void {
        this.inc('relay_http_requests_total', { route, status: String(status) }, 1, 'HTTP requests by route and status');
        const key = labelText({ route });
        const h = this.histograms.get(key) ?? { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
        BUCKETS.forEach((b, i) => {
            if (seconds <= b) h.counts[i] = (h.counts[i] ?? 0) + 1;
        });
        h.sum += seconds;
        h.count++;
        this.histograms.set(key, h);
    }

    /** Registers a callback evaluated at scrape time (queue depths, ages). */
    gauges(source: () => { name: string; help: string; labels: Labels; value: number }[]): void {
        this.gaugeSources.push(source);
    }

    counter(name: string, labels: Labels = {}): number {
        return this.counters.get(name)?.get(labelText(labels)) ?? 0;
    }

    render(): string {
        const out: string[] = [];
        for (const [name, series] of this.counters) {
            out.push(`# HELP ${name} ${this.help.get(name) ?? name}`, `# TYPE ${name} counter`);
            for (const [labels, v] of series) out.push(`${name}${labels} ${v}`);
        }
        this.renderHistograms(out);
        this.renderGauges(out);
        return out.join('\n') + '\n';
    }

    private renderHistograms(out: string[]): void {
        const name = 'relay_http_request_duration_seconds';
        out.push(`# HELP ${name} Time from request to response`, `# TYPE ${name} histogram`);
        for (const [labels, h] of this.histograms) {
            const inner = labels.slice(1, -1);
            BUCKETS.forEach((b, i) => out.push(`${name}_bucket{${inner},le="${b}"} ${h.counts[i] ?? 0}`));
            out.push(`${name}_bucket{${inner},le="+Inf"} ${h.count}`, `${name}_sum${labels} ${h.sum}`, `${name}_count${labels} ${h.count}`);
        }
    }

    private renderGauges(out: string[]): void {
        const seen = new Set<string>();
        for (const source of this.gaugeSources) {
            for (const g of source()) {
                if (!seen.has(g.name)) out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
                seen.add(g.name);
                out.push(`${g.name}${labelText(g.labels)} ${g.value}`);
            }
        }
    }
}

function labelText(labels: Labels): string {
    const entries = Object.entries(labels);
    if (entries.length === 0) return '';
    return `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}
