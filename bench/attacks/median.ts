// The other side of the median tenant (domain/uptime/median.ts): a provider that fails its tenants'
// servers adds sybils with more reach than those tenants, their servers kept up, so that the median
// tenant it is judged by is one of its own. The price of clearing an uptime penalty this way is
// the reach of the provider's own tenants, bought again elsewhere.
//   npx tsx bench/attacks.ts median
import type { Principal } from '@dfinity/principal';
import { controller, ok, world } from '../../canisters/marketplace/test/canister/fixture.js';
import { registerReporters } from '../../canisters/marketplace/test/trust/canister/trust_fixture.js';
import type { Attack, AttackOutcome } from './attack.js';
import { advance, DAY_MS, E8S, HOUR_MS, principal, probedUp, registered, rent, rulePoints, send, summary, TOKEN, wallets, withdrawAll } from './support/trust_world.js';

const FEE_BPS = 100;
const HONEST = 4;
/** Of each honest tenant's measured minutes a day, the provider lets this many fail (3 %; its target is 99.9 %). */
const DOWN_A_DAY = 43;

/**
 * The attacker's provider serves 4 tenants with 16 days at an anchor (reach 0.27 each) for 30 days
 * and fails 3 % of their minutes; with `attack`, `sybils` with 30 days at the anchor (reach 0.5
 * each) rent it alongside, their servers up. Its score and uptime points at the end, and what the
 * attacker's wallets spent.
 */
async function failingProvider(sybilCount: number, attack: boolean) {
    const attacker = principal(8, 0);
    const anchor = principal(9, 0);
    const honest = Array.from({ length: HONEST }, (_, i) => principal(10, i));
    const sybils = attack ? Array.from({ length: sybilCount }, (_, i) => principal(8, i + 1)) : [];
    const w = await world({ feeBps: FEE_BPS, balances: [[attacker, BigInt(3 * sybilCount + 5) * E8S], ...honest.map((t): [Principal, bigint] => [t, 3n * E8S])] });
    await registerReporters(w);
    const anchorOffer = await registered(w, anchor, { pricePerMonth: E8S, setupFee: 0n, stock: 100 });
    ok(await w.as(controller).setAnchorProvider(anchor, true));
    const oid = await registered(w, attacker, { pricePerMonth: E8S, setupFee: 0n, stock: 100 });
    const mine = [attacker, ...sybils];
    const start = await wallets(w, mine);
    for (const s of sybils) await send(w, attacker, s, 2n * E8S + 100_000n);
    for (const t of honest) await rent(w, t, anchor, anchorOffer, 16 * 24);
    for (const s of sybils) await rent(w, s, anchor, anchorOffer, 30 * 24);
    await advance(w, 30 * DAY_MS + HOUR_MS);
    const served = [];
    for (const t of honest) served.push(await rent(w, t, attacker, oid, 30 * 24));
    const kept = [];
    for (const s of sybils) kept.push(await rent(w, s, attacker, oid, 30 * 24));
    for (let day = 0; day < 30; day++) {
        await advance(w, DAY_MS);
        for (const c of served) await probedUp(w, c.id, 1_439, DOWN_A_DAY);
        for (const c of kept) await probedUp(w, c.id, 1_439);
    }
    const after = await summary(w, attacker);
    const uptime = await rulePoints(w, attacker, 'uptime_target');
    await withdrawAll(w, mine);
    return { after, uptime, cost: start - (await wallets(w, mine)) };
}

export async function medianPump(sybilCount = 3): Promise<AttackOutcome & { uptimePoints: [number, number] }> {
    const control = await failingProvider(sybilCount, false);
    const attacked = await failingProvider(sybilCount, true);
    // Both runs earn the honest tenants' rent: the attack costs the difference.
    const cost = attacked.cost - control.cost;
    return {
        costBaseUnits: cost,
        token: TOKEN,
        score: { before: control.after.score, after: attacked.after.score },
        rank: { before: control.after.rank, after: attacked.after.rank },
        flagsRaised: [],
        moneyMoved: 0n,
        effect: `${HONEST} tenants (reach 0.27 each) see 3 % downtime; ${sybilCount} sybils with 30 days elsewhere (reach 0.5 each) rent alongside, kept up: uptime_target ${control.uptime} → ${attacked.uptime} points, flags [${control.after.flags.join(',')}] → [${attacked.after.flags.join(',')}]`,
        // The pump's target (sybil.ts pumped): no provider reaches 80 on sybils under 10 tokens.
        targetMet: attacked.after.score < 80 || cost >= 10n * E8S,
        uptimePoints: [control.uptime, attacked.uptime]
    };
}

export const attacks: Attack[] = [{ name: 'median pump: 3 sybils with a month elsewhere outweigh a failing provider’s 4 tenants', source: 'new', run: () => medianPump(3) }];
