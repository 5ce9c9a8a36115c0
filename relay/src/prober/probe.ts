import { connect } from 'node:net';

export interface ProbeResult {
    up: boolean;
    latencyMs: number | null;
    error?: string;
}

/** One check of an endpoint: `http(s)://` is a GET (up when it answers below 500), `tcp://` a connect. */
export async function probe(endpoint: string, timeoutMs: number): Promise<ProbeResult> {
    let url: URL;
    try {
        url = new URL(endpoint);
    } catch {
        return { up: false, latencyMs: null, error: 'invalid endpoint' };
    }
    if (url.protocol === 'tcp:') return probeTcp(url.hostname, Number(url.port), timeoutMs);
    if (url.protocol === 'http:' || url.protocol === 'https:') return probeHttp(url, timeoutMs);
    return { up: false, latencyMs: null, error: `unsupported scheme ${url.protocol}` };
}

async function probeHttp(url: URL, timeoutMs: number): Promise<ProbeResult> {
    const started = performance.now();
    try {
        const res = await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
        await res.body?.cancel();
        const latencyMs = Math.round(performance.now() - started);
        return res.status < 500 ? { up: true, latencyMs } : { up: false, latencyMs, error: `HTTP ${res.status}` };
    } catch (e) {
        return { up: false, latencyMs: null, error: e instanceof Error ? e.message : String(e) };
    }
}

function probeTcp(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
    return new Promise((resolve) => {
        if (!port) return resolve({ up: false, latencyMs: null, error: 'tcp endpoint needs a port' });
        const started = performance.now();
        const socket = connect({ host: host.replace(/^\[|\]$/g, ''), port });
        const finish = (r: ProbeResult): void => {
            socket.destroy();
            resolve(r);
        };
        socket.setTimeout(timeoutMs, () => finish({ up: false, latencyMs: null, error: 'timeout' }));
        socket.once('connect', () => finish({ up: true, latencyMs: Math.round(performance.now() - started) }));
        socket.once('error', (e) => finish({ up: false, latencyMs: null, error: e.message }));
    });
}
