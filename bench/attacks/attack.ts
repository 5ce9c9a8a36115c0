// The shape of one attack in the catalogue (bench/attacks.ts). Each file in bench/attacks/ other
// than this one exports `attacks: Attack[]`; a test may import the same file and assert the target.

export interface AttackOutcome {
    /** Non-refundable spend of the attacker, in the token's base units (fees, prices not returned). */
    costBaseUnits: bigint;
    /** The token the cost is in, with its decimals, for printing (e.g. { symbol: 'ICP', decimals: 8 }). */
    token: { symbol: string; decimals: number };
    /** The victim's score, rank and flags before and after, when the attack aims at trust. */
    score?: { before: number; after: number };
    rank?: { before: number; after: number };
    flagsRaised?: string[];
    /** Money of others that moved to the attacker or was lost, in base units. */
    moneyMoved?: bigint;
    /** What happened, in words (shown in the table). */
    effect: string;
    /** Whether the catalogue's target holds (see bench/attacks.ts). */
    targetMet: boolean;
}

export interface Attack {
    /** Short name, e.g. 'sink: expired paid requests'. */
    name: string;
    /** The issue that listed it, or 'new' for one found here. */
    source: string;
    run(): Promise<AttackOutcome>;
}
