/** Small fetch wrapper: timeouts, JSON bodies, and one typed error carrying the HTTP status. */
export class HttpError extends Error {
    override readonly name = 'HttpError';
    constructor(
        message: string,
        readonly status: number | null,
        readonly body: string = ''
    ) {
        super(message);
    }
    /** 5xx, 429 and network failures are worth retrying; other 4xx are not. */
    get transient(): boolean {
        return this.status === null || this.status >= 500 || this.status === 429 || this.status === 408;
    }
}

export interface JsonRequest {
    method?: string;
    headers?: Record<string, string>;
    body?: unknown;
    timeoutMs?: number;
}

export async function requestJson<T = unknown>(url: string, req: JsonRequest = {}): Promise<T> {
    const text = await requestText(url, req);
    if (text === '') return undefined as T;
    try {
        return JSON.parse(text) as T;
    } catch {
        throw new HttpError(`invalid JSON from ${redact(url)}`, 200, text.slice(0, 200));
    }
}

export async function requestText(url: string, req: JsonRequest = {}): Promise<string> {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let body: string | undefined;
    if (req.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    }
    let res: Response;
    try {
        res = await fetch(url, {
            method: req.method ?? (body === undefined ? 'GET' : 'POST'),
            headers,
            body,
            signal: AbortSignal.timeout(req.timeoutMs ?? 10_000)
        });
    } catch (e) {
        throw new HttpError(`${redact(url)}: ${e instanceof Error ? e.message : String(e)}`, null);
    }
    const text = await res.text();
    if (!res.ok) throw new HttpError(`${redact(url)} answered ${res.status}`, res.status, text.slice(0, 500));
    return text;
}

/** Keeps secrets that live in URLs (Telegram bot tokens) out of logs and errors. */
export function redact(url: string): string {
    return url.replace(/\/bot[^/]+\//, '/bot<redacted>/');
}
