// The ingress history: the status of every ingress message by request id, bounded, with the ids
// kept in byte order (certificates prove a request id's absence from its neighbours).
import type { CallOutcome, RequestStatus } from '../types.js';
import { hex } from './ids.js';
import type { Response } from './state.js';

export type IngressRecord = { status: RequestStatus; instructions: bigint };

const MAX_INGRESS_HISTORY = 20_000;

export class IngressHistory {
    private readonly records = new Map<string, IngressRecord>();
    private readonly ids = new SortedIds();

    /** Records (or replaces) the status of `requestId` (hex); forgets the oldest beyond the bound. */
    record(requestId: string, record: IngressRecord): void {
        if (!this.records.delete(requestId)) this.ids.insert(requestId);
        this.records.set(requestId, record);
        if (this.records.size > MAX_INGRESS_HISTORY) {
            const oldest = this.records.keys().next().value;
            if (oldest !== undefined) {
                this.records.delete(oldest);
                this.ids.remove(oldest);
            }
        }
    }

    has(requestId: Uint8Array | string): boolean {
        return this.records.has(typeof requestId === 'string' ? requestId : hex(requestId));
    }

    /** Request ids in byte order. */
    sorted(): Uint8Array[] {
        return this.ids.sorted;
    }

    status(requestId: Uint8Array): RequestStatus | undefined {
        return this.records.get(hex(requestId))?.status;
    }

    /** Outcome of a finished ingress message, or undefined while it is pending. */
    outcome(requestId: Uint8Array): CallOutcome | undefined {
        const r = this.records.get(hex(requestId));
        if (!r) return undefined;
        const s = r.status;
        if (s.status === 'replied') return { status: 'replied', reply: s.reply, instructions: r.instructions };
        if (s.status === 'rejected') {
            return {
                status: 'rejected',
                rejectCode: s.rejectCode,
                rejectMessage: s.rejectMessage,
                errorCode: s.errorCode,
                instructions: r.instructions
            };
        }
        return undefined;
    }

    /** Messages received and not yet answered. */
    pending(): number {
        let n = 0;
        for (const r of this.records.values()) if (r.status.status === 'received' || r.status.status === 'processing') n++;
        return n;
    }
}

export function toStatus(r: Response): RequestStatus {
    return r.kind === 'reply'
        ? { status: 'replied', reply: r.data }
        : { status: 'rejected', rejectCode: r.code, rejectMessage: r.message, errorCode: r.errorCode };
}

/** Hex ids kept in byte order, with their bytes (hex order is byte order). */
class SortedIds {
    readonly sorted: Uint8Array[] = [];
    private readonly hex: string[] = [];
    private at(id: string): number {
        let lo = 0;
        let hi = this.hex.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (this.hex[mid]! < id) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
    insert(id: string): void {
        const i = this.at(id);
        if (this.hex[i] === id) return;
        this.hex.splice(i, 0, id);
        this.sorted.splice(i, 0, new Uint8Array(Buffer.from(id, 'hex')));
    }
    remove(id: string): void {
        const i = this.at(id);
        if (this.hex[i] !== id) return;
        this.hex.splice(i, 1);
        this.sorted.splice(i, 1);
    }
}
