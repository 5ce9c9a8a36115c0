/** One page of a canister list: `next` is the cursor to pass back, absent at the end. */
export interface CursorPage<T> {
    items: T[];
    next: [] | [number];
}

/**
 * Every item of a cursor-paginated canister list. Pages can be short (even empty) with `next` set,
 * so only an absent `next` ends the list; a cursor handed back twice ends it too rather than loop.
 */
export async function allPages<T>(read: (cursor: number) => Promise<CursorPage<T>>): Promise<T[]> {
    const out: T[] = [];
    const seen = new Set<number>();
    let cursor: number | undefined = 0;
    while (cursor !== undefined && !seen.has(cursor)) {
        seen.add(cursor);
        const page: CursorPage<T> = await read(cursor);
        out.push(...page.items);
        cursor = page.next[0];
    }
    return out;
}
