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
