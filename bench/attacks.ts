// The attack catalogue: replays every attack in bench/attacks/*.ts against the compiled canisters
// (and the relay where involved) and prints attacker's cost, effect and whether the target holds.
// Target: no attack costing under 10 tokens of non-refundable spend moves an honest provider's
// score by more than 2 points, raises a flag on it, or moves any of its money.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Attack, AttackOutcome } from './attacks/attack.js';

const dir = join(import.meta.dirname, 'attacks');
const only = process.argv.slice(2);

function tokens(units: bigint, decimals: number): string {
    const s = units.toString().padStart(decimals + 1, '0');
    return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`.replace(/0+$/, '').replace(/\.$/, '');
}

function row(a: Attack, o: AttackOutcome): string[] {
    const delta = (x?: { before: number; after: number }) => (x ? `${x.before} → ${x.after}` : '–');
    return [a.source, a.name, `${tokens(o.costBaseUnits, o.token.decimals)} ${o.token.symbol}`, delta(o.score), delta(o.rank), o.flagsRaised?.join(',') || '–', o.moneyMoved === undefined ? '–' : tokens(o.moneyMoved, o.token.decimals), o.effect, o.targetMet ? 'met' : 'MISSED'];
}

const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'attack.ts').sort();
const rows: string[][] = [['issue', 'attack', 'attacker cost', 'score', 'rank', 'flags', 'money moved', 'effect', 'target']];
let missed = 0;
for (const f of files) {
    const mod = (await import(join(dir, f))) as { attacks: Attack[] };
    for (const a of mod.attacks.filter((x) => only.length === 0 || only.some((o) => x.name.includes(o)))) {
        const o = await a.run();
        if (!o.targetMet) missed++;
        rows.push(row(a, o));
    }
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join(' | '));
console.log(`\n${rows.length - 1} attacks, ${missed} targets missed`);
