// Stable memory as a sparse store of 64 KiB pages (the IC's stable page size) with a per-message
// undo log: the first write to a page within a message saves the page's previous content, so a
// trap restores exactly the pages written (never a full copy).

export const PAGE = 65536;
/** 400 GiB like the IC's stable memory limit, in pages. */
const MAX_PAGES = (400 * 1024 * 1024 * 1024) / PAGE;

export class StableMemory {
    private pages = new Map<number, Uint8Array>();
    private sizePages = 0;
    /** Undo log of the current message: page index → previous content (undefined = was absent). */
    private undo: Map<number, Uint8Array | undefined> | null = null;
    private undoSize = 0;

    get size(): number {
        return this.sizePages;
    }

    /** Bytes actually stored (written pages). */
    get storedBytes(): number {
        return this.pages.size * PAGE;
    }

    begin(): void {
        this.undo = new Map();
        this.undoSize = this.sizePages;
    }

    commit(): void {
        this.undo = null;
    }

    rollback(): void {
        if (this.undo === null) return;
        for (const [index, previous] of this.undo) {
            if (previous === undefined) this.pages.delete(index);
            else this.pages.set(index, previous);
        }
        this.sizePages = this.undoSize;
        this.undo = null;
    }

    /** Returns the old size in pages, or -1 when the limit would be exceeded. */
    grow(newPages: number): number {
        const old = this.sizePages;
        if (newPages < 0 || old + newPages > MAX_PAGES) return -1;
        this.sizePages = old + newPages;
        return old;
    }

    private checkRange(offset: number, size: number, what: string): void {
        if (offset + size > this.sizePages * PAGE) {
            throw new StableMemoryOutOfBounds(what);
        }
    }

    read(dst: Uint8Array, offset: number): void {
        this.checkRange(offset, dst.length, 'stable memory read out of bounds');
        let done = 0;
        while (done < dst.length) {
            const pos = offset + done;
            const index = Math.floor(pos / PAGE);
            const within = pos - index * PAGE;
            const n = Math.min(PAGE - within, dst.length - done);
            const page = this.pages.get(index);
            if (page === undefined) dst.fill(0, done, done + n);
            else dst.set(page.subarray(within, within + n), done);
            done += n;
        }
    }

    write(offset: number, src: Uint8Array): void {
        this.checkRange(offset, src.length, 'stable memory write out of bounds');
        let done = 0;
        while (done < src.length) {
            const pos = offset + done;
            const index = Math.floor(pos / PAGE);
            const within = pos - index * PAGE;
            const n = Math.min(PAGE - within, src.length - done);
            let page = this.pages.get(index);
            if (this.undo !== null && !this.undo.has(index)) {
                this.undo.set(index, page);
                // Copy-on-write: the saved page stays untouched, we write into a copy.
                page = page === undefined ? new Uint8Array(PAGE) : page.slice();
                this.pages.set(index, page);
            } else if (page === undefined) {
                page = new Uint8Array(PAGE);
                this.pages.set(index, page);
            }
            page.set(src.subarray(done, done + n), within);
            done += n;
        }
    }

    clear(): void {
        this.pages.clear();
        this.sizePages = 0;
        this.undo = null;
    }

    /** Written pages, for persistence. */
    entries(): IterableIterator<[number, Uint8Array]> {
        return this.pages.entries();
    }

    static restore(sizePages: number, pages: Iterable<[number, Uint8Array]>): StableMemory {
        const m = new StableMemory();
        m.sizePages = sizePages;
        for (const [i, p] of pages) m.pages.set(i, p);
        return m;
    }
}

export class StableMemoryOutOfBounds extends Error {}
