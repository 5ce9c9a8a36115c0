/**
 * A ring of fixed-width time buckets holding numeric vectors, for windows like "last 30 days" in
 * constant space. A slot is `[bucketStart, ...values]`; a slot whose start is older than the
 * incoming bucket is recycled.
 */
export type Slot = number[];

export interface Ring {
    width: number;
    size: number;
    slots: (Slot | null)[];
}

export const emptyRing = (width: number, size: number): Ring => ({ width, size, slots: [] });

const slotIndex = (ring: Ring, start: number): number => Math.floor(start / ring.width) % ring.size;

/** Adds `delta` into the bucket containing `t`; ignores data older than the ring's coverage. */
export function addToRing(ring: Ring, t: number, delta: readonly number[]): Ring {
    const start = Math.floor(t / ring.width) * ring.width;
    const i = slotIndex(ring, start);
    const current = ring.slots[i] ?? null;
    if (current !== null && current[0]! > start) return ring;
    const base = current !== null && current[0] === start ? current : [start, ...delta.map(() => 0)];
    const next = base.map((v, k) => (k === 0 ? v : v + (delta[k - 1] ?? 0)));
    const slots = ring.slots.slice();
    while (slots.length <= i) slots.push(null);
    slots[i] = next;
    return { ...ring, slots };
}

/** Sums buckets whose start lies in (now − window, now], aligned to bucket starts. */
export function sumWindow(ring: Ring, now: number, window: number, arity: number): number[] {
    const newest = Math.floor(now / ring.width) * ring.width;
    const oldest = newest - window + ring.width;
    const total = new Array<number>(arity).fill(0);
    for (const slot of ring.slots) {
        if (slot === null || slot[0]! < oldest || slot[0]! > newest) continue;
        for (let k = 0; k < arity; k++) total[k]! += slot[k + 1] ?? 0;
    }
    return total;
}
