// A ring of colluding providers (issue 19, parts 2 and 8): 3 providers and 5 sybil tenants that
// rent from every member of the ring for 30 days, so each sybil looks like a tenant "with history
// elsewhere" to each provider while the money only goes round (back to the ring less the fees).
// The platform's prober sees the sybils' servers up for their last 3 days; each sybil answers
// "yes" after each contract. Played in the shared market (4 honest providers), against the compiled
// canister and the local ICP ledger.
//   npx tsx bench/attacks.ts ring
import type { Principal } from '@dfinity/principal';
import { ok } from '../../canisters/marketplace/test/canister/fixture.js';
import { chunks, minutes, monitorA, uptimeBatch } from '../../canisters/marketplace/test/trust/canister/trust_fixture.js';
import type { Attack, AttackOutcome } from './attack.js';
import { attackMarket, controller, DAY_MS, E8, HOUR_MS, providerProfile, vpsOffering, type AttackMarket, type Standing } from './fixture/market.js';

const MONTH_HOURS = 720;
const MIN_MS = 60_000n;

export interface RingOutcome extends AttackOutcome {
    /** The ring's best member, before and after. */
    best: { before: Standing; after: Standing };
    /** Honest providers the best member overtook. */
    overtaken: number;
}

/** The platform's prober saw the contract's server up for the last 1,439 minutes. */
async function probed(m: AttackMarket, id: bigint): Promise<void> {
    const now = m.w.nowNs();
    const span = minutes(now - 1_439n * MIN_MS * 1_000_000n, now);
    for (const [i, part] of chunks(span, 500).entries()) ok(await m.w.as(monitorA).submitUptime(uptimeBatch(`ring-${id}-${i}`, id, part, 'Probe')));
}

/** `members` providers and `sybilCount` sybils; sybil i rents 30 days at 1 token a month from `spread` members from member i on. */
export async function ring(members = 3, sybilCount = 5, spread = members): Promise<RingOutcome> {
    const m = await attackMarket();
    const ringP: Principal[] = [];
    const offers: bigint[] = [];
    for (let i = 0; i < members; i++) {
        const p = await m.attacker(40 + i, E8 / 10n);
        ok(await m.w.as(p).registerProvider(providerProfile(p, `Ring ${i}`)));
        offers.push(ok<{ id: bigint }>(await m.w.as(p).createOffering(vpsOffering(E8))).id);
        ringP.push(p);
    }
    const sybils = await Promise.all(Array.from({ length: sybilCount }, (_, i) => m.attacker(60 + i, BigInt(members) * (E8 + E8 / 10n))));
    const standings = async () => Promise.all(ringP.map((p) => m.standing(p)));
    const honestBefore = await Promise.all(m.providers.map((p) => m.standing(p)));
    const before = await standings();
    const contracts: [Principal, bigint][] = [];
    for (const [k, s] of sybils.entries())
        for (let j = 0; j < spread; j++) {
            const i = (k + j) % members;
            contracts.push([s, await m.rent(s, ringP[i]!, offers[i]!, MONTH_HOURS)]);
        }
    await m.advance(27 * DAY_MS);
    for (let day = 0; day < 3; day++) {
        await m.advance(DAY_MS);
        for (const [, id] of contracts) await probed(m, id);
    }
    await m.advance(HOUR_MS);
    ok(await m.w.as(controller).runDue());
    for (const [s, id] of contracts) ok(await m.w.as(s).submitFeedback(id, { wouldRentAgain: true, matchedDescription: true }));
    const after = await standings();
    const honestAfter = await Promise.all(m.providers.map((p) => m.standing(p)));
    const cost = await m.spent([...ringP, ...sybils]);
    const k = after.reduce((b, s, i) => (s.rank > after[b]!.rank ? i : b), 0);
    const best = { before: before[k]!, after: after[k]! };
    const overtaken = m.providers.filter((_, i) => best.before.rank <= honestBefore[i]!.rank && best.after.rank > honestAfter[i]!.rank).length;
    const gained = best.before.position - best.after.position;
    const o = m.outcome({ before: best.before, after: best.after, cost, effect: '' });
    o.effect = `${members} providers, ${sybilCount} sybils renting 30 days from ${spread === members ? 'each' : `${spread} of them`}: best member score ${best.before.score} → ${best.after.score}, rank key ${best.before.rank} → ${best.after.rank}, position ${best.before.position} → ${best.after.position} of ${m.providers.length + members} (overtook ${overtaken} honest), flags [${best.after.flags.join(',')}]`;
    // In-ring history counts for nothing: the ring stays where providers without evidence stand.
    o.targetMet = Math.abs(best.after.score - best.before.score) <= 2 && gained <= 0;
    return { ...o, best, overtaken };
}

export const attacks: Attack[] = [
    { name: 'ring: 3 colluding providers, 5 sybils renting from each for 30 days', source: '19', run: () => ring() },
    { name: 'ring: 3 colluding providers, 5 sybils renting from 2 of them for 30 days', source: 'new', run: () => ring(3, 5, 2) }
];
