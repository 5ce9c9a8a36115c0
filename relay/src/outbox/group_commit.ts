import type Database from 'better-sqlite3';

interface Pending<T> {
    work: () => T;
    resolve: (value: T) => void;
    reject: (error: unknown) => void;
}

/**
 * Group commit: work submitted in the same turn of the event loop runs in one SQLite
 * transaction (one fsync), and each caller's promise settles only after that commit. Each piece
 * of work runs in its own savepoint, so one failure does not undo the others.
 */
export class GroupCommitter {
    private queue: Pending<unknown>[] = [];
    private scheduled = false;
    commits = 0;

    constructor(
        private readonly db: Database.Database,
        private readonly maxGroup = 512
    ) {}

    run<T>(work: () => T): Promise<T> {
        return new Promise<T>((resolve, reject) => {
            this.queue.push({ work, resolve, reject } as Pending<unknown>);
            if (this.queue.length >= this.maxGroup) this.flush();
            else if (!this.scheduled) {
                this.scheduled = true;
                setImmediate(() => this.flush());
            }
        });
    }

    flush(): void {
        this.scheduled = false;
        const group = this.queue;
        this.queue = [];
        if (group.length === 0) return;
        const results: { ok: boolean; value: unknown }[] = [];
        try {
            this.db.transaction(() => {
                for (const p of group) results.push(this.runOne(p));
            })();
            this.commits++;
        } catch (e) {
            for (const p of group) p.reject(e);
            return;
        }
        group.forEach((p, i) => {
            const r = results[i];
            if (r?.ok) p.resolve(r.value);
            else p.reject(r?.value);
        });
    }

    private runOne(p: Pending<unknown>): { ok: boolean; value: unknown } {
        try {
            return { ok: true, value: this.db.transaction(p.work)() };
        } catch (e) {
            return { ok: false, value: e };
        }
    }
}
