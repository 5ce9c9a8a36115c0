/** Open waits of one provider: contract id → deadline (waiting since + the contract's target). */
export type OpenWaits = Record<string, number>;

export function openWait(waits: OpenWaits, contractId: string, deadline: number): OpenWaits {
    return { ...waits, [contractId]: deadline };
}

export function closeWait(waits: OpenWaits, contractId: string): OpenWaits {
    const next = { ...waits };
    delete next[contractId];
    return next;
}

/** Open waits' voices (domain/voice.ts): contract id → its tenant's voice; an absent entry (earlier layout) weighs 1. */
export type WaitVoices = Record<string, number>;

export const withVoice = (voices: WaitVoices | undefined, contractId: string, v: number | null): WaitVoices => {
    const next = { ...(voices ?? {}) };
    if (v === null) delete next[contractId];
    else next[contractId] = v;
    return next;
};

/** Σ voice of the waits past their deadline: how much the market's word says the provider is silent. */
export function silentVoice(waits: OpenWaits, voices: WaitVoices | undefined, now: number): number {
    let sum = 0;
    for (const [id, deadline] of Object.entries(waits)) if (deadline < now) sum += voices?.[id] ?? 1;
    return Math.round(sum * 1000) / 1000;
}

/** The first instant after `now` at which a wait passes its deadline (a time-raised change), or null. */
export function nextDeadline(waits: OpenWaits, now: number): number | null {
    let next: number | null = null;
    for (const deadline of Object.values(waits)) if (deadline >= now && (next === null || deadline < next)) next = deadline;
    return next === null ? null : next + 1;
}

/** Silent since the earliest passed deadline: a customer message unanswered past its target. */
export function silentSince(waits: OpenWaits, now: number): number | null {
    let since: number | null = null;
    for (const deadline of Object.values(waits)) {
        if (deadline < now && (since === null || deadline < since)) since = deadline;
    }
    return since;
}

export const silentContracts = (waits: OpenWaits, now: number): string[] =>
    Object.entries(waits)
        .filter(([, d]) => d < now)
        .map(([id]) => id)
        .sort();

export function contractSilentSince(waitingSince: number | null, target: number, now: number): number | null {
    if (waitingSince === null) return null;
    const deadline = waitingSince + target;
    return deadline < now ? deadline : null;
}
