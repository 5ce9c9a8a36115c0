// The canister's one memory map: which module owns which StableBTreeMap id. Each module declares
// its ids here (or in a range it owns) and `claim` refuses a second owner of an id at start-up,
// so two modules can never write one memory.
export const MEMORY_RANGES = {
    /** The market (catalog, escrow, reporters): 0–19. */
    market: [0, 19],
    /** The trust module: 20–99 (40–57 in use). */
    trust: [20, 99]
} as const;

const owners = new Map<number, string>();

/** Records that `owner` uses memory `id`; throws when the id is outside its range or taken. */
export function claim(owner: keyof typeof MEMORY_RANGES, name: string, id: number): number {
    const [lo, hi] = MEMORY_RANGES[owner];
    if (id < lo || id > hi) throw new Error(`memory ${id} (${owner}.${name}) is outside ${owner}'s range ${lo}–${hi}`);
    const prior = owners.get(id);
    if (prior !== undefined && prior !== `${owner}.${name}`) throw new Error(`memory ${id} claimed by ${prior} and ${owner}.${name}`);
    owners.set(id, `${owner}.${name}`);
    return id;
}
