// A due-time index (min-heap with lazy deletion): the timer touches only contracts that are due.
// Derived data: rebuilt from the contracts on upgrade, updated on every contract save.
export class DueIndex {
    private heap: [bigint, bigint][] = [];
    private readonly due = new Map<bigint, bigint>();

    get size(): number {
        return this.due.size;
    }

    set(id: bigint, at: bigint | null): void {
        if (at === null) {
            this.due.delete(id);
            return;
        }
        if (this.due.get(id) === at) return;
        this.due.set(id, at);
        this.push([at, id]);
    }

    get(id: bigint): bigint | undefined {
        return this.due.get(id);
    }

    /** Earliest due time, or null. */
    peek(): bigint | null {
        this.clean();
        return this.heap.length > 0 ? this.heap[0]![0] : null;
    }

    /** Removes and returns up to `max` ids due at or before `now`, earliest first. */
    takeDue(now: bigint, max: number): bigint[] {
        const out: bigint[] = [];
        while (out.length < max) {
            this.clean();
            const top = this.heap[0];
            if (top === undefined || top[0] > now) break;
            this.pop();
            this.due.delete(top[1]);
            out.push(top[1]);
        }
        return out;
    }

    countDue(now: bigint): number {
        let n = 0;
        for (const at of this.due.values()) if (at <= now) n++;
        return n;
    }

    private clean(): void {
        while (this.heap.length > 0) {
            const [at, id] = this.heap[0]!;
            if (this.due.get(id) === at) return;
            this.pop();
        }
    }

    private push(e: [bigint, bigint]): void {
        const h = this.heap;
        h.push(e);
        let i = h.length - 1;
        while (i > 0) {
            const p = (i - 1) >> 1;
            if (less(h[p]!, h[i]!)) break;
            [h[p], h[i]] = [h[i]!, h[p]!];
            i = p;
        }
    }

    private pop(): void {
        const h = this.heap;
        const last = h.pop()!;
        if (h.length === 0) return;
        h[0] = last;
        let i = 0;
        for (;;) {
            const l = 2 * i + 1;
            const r = l + 1;
            let m = i;
            if (l < h.length && less(h[l]!, h[m]!)) m = l;
            if (r < h.length && less(h[r]!, h[m]!)) m = r;
            if (m === i) return;
            [h[m], h[i]] = [h[i]!, h[m]!];
            i = m;
        }
    }
}

function less(a: [bigint, bigint], b: [bigint, bigint]): boolean {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}
