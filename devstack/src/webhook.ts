/**
 * Delivers a webhook as the local ICPay does (an endpoint with retries): signed afresh on each attempt
 * (receivers refuse stale timestamps), retried with growing pauses after network errors and 5xx,
 * never after a 4xx (the receiver refused it for good).
 */
export async function deliverWebhook(o: { url: string; body: string; headers: () => Record<string, string>; attempts: number; pauseMs: number; label: string; log?: (m: string) => void }): Promise<void> {
    for (let attempt = 1; attempt <= o.attempts; attempt++) {
        try {
            const r = await fetch(o.url, { method: 'POST', headers: { 'content-type': 'application/json', ...o.headers() }, body: o.body });
            if (r.ok) return;
            o.log?.(`${o.label}: webhook answered ${r.status}: ${(await r.text()).slice(0, 200)}`);
            if (r.status < 500) return;
        } catch (e) {
            o.log?.(`${o.label}: webhook failed: ${(e as Error).message}`);
        }
        await new Promise((r) => setTimeout(r, o.pauseMs * attempt));
    }
}
