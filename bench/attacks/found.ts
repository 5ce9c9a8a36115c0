// Attacks found here (issue 19, part 1: "and the ones you find yourselves"), each against the
// shared market: an adversary with a few tokens and free principals.
import { event, minuteOf } from '../../canisters/marketplace/test/trust/canister/trust_fixture.js';
import { rulePoints } from './support/trust_world.js';
import { ok } from '../../canisters/marketplace/test/canister/fixture.js';
import type { Attack } from './attack.js';
import { Principal } from '@dfinity/principal';
import { attackMarket, controller, E8, HOUR_MS, LISTING_COST, MIN_NS, providerProfile, relay, TOKEN, vpsOffering, type AttackMarket } from './fixture/market.js';

/** Each sybil rents the victim twice for an hour, then answers "no" on both; how many answers counted. */
async function answerNoTwice(m: AttackMarket, sybils: Principal[]): Promise<number> {
    const ids: [Principal, bigint][] = [];
    for (const a of sybils) for (let k = 0; k < 2; k++) ids.push([a, await m.rent(a, m.victim, m.victimOffering, 1)]);
    await m.advance(2 * HOUR_MS);
    let counted = 0;
    for (const [a, id] of ids) {
        const r = await m.w.as(a).submitFeedback(id, { wouldRentAgain: false, matchedDescription: false });
        if ('Ok' in r && r.Ok.counted) counted++;
    }
    return counted;
}

async function weekLongSybils(attack: boolean) {
    const m = await attackMarket();
    const sybils = await Promise.all(Array.from({ length: 3 }, (_, i) => m.attacker(220 + i, 3n * E8)));
    for (const a of sybils) await m.rent(a, m.providers[1]!, m.offerings[1]!, 16 * 24);
    await m.advance(16 * 24 * HOUR_MS + HOUR_MS);
    ok(await m.w.as(controller).runDue());
    const ids: [Principal, bigint][] = [];
    if (attack) for (const a of sybils) ids.push([a, await m.rent(a, m.victim, m.victimOffering, 7 * 24)]);
    await m.advance(7 * 24 * HOUR_MS + HOUR_MS);
    ok(await m.w.as(controller).runDue());
    let counted = 0;
    for (const [a, id] of ids) {
        const r = await m.w.as(a).submitFeedback(id, { wouldRentAgain: false, matchedDescription: false });
        if ('Ok' in r && r.Ok.counted) counted++;
    }
    return { m, sybils, counted, after: await m.standing() };
}

/**
 * `count` sybils buy history elsewhere (16 days at the cheapest rival), then each rents the victim
 * 30 days, is measured up for 90 minutes by both platform monitors, and cancels: early, measured,
 * independent cancellations of a provider whose servers never went down. Without `attack` the
 * sybils only let the same time pass (the market left alone).
 */
async function earlyCancelSwarm(count: number, attack: boolean) {
    const m = await attackMarket();
    const sybils = await Promise.all(Array.from({ length: count }, (_, i) => m.attacker(230 + i, 6n * E8)));
    for (const a of sybils) await m.rent(a, m.providers[1]!, m.offerings[1]!, 16 * 24);
    await m.advance(16 * 24 * HOUR_MS + HOUR_MS);
    ok(await m.w.as(controller).runDue());
    // The victim stays active in both markets (a reply on chat), so only the cancellations differ.
    const chat = m.running()[0]!;
    ok(await m.w.as(relay).submitConversationEvents([event(`swarm-q-${attack}`, chat, 'CustomerMessage', m.w.nowNs())]));
    await m.advance(10 * 60_000);
    ok(await m.w.as(relay).submitConversationEvents([event(`swarm-r-${attack}`, chat, 'ProviderReply', m.w.nowNs())]));
    for (const a of sybils) {
        if (!attack) {
            await m.advance(2 * HOUR_MS);
            continue;
        }
        const id = await m.rent(a, m.victim, m.victimOffering, 30 * 24);
        const from = minuteOf(m.w.nowNs()) + MIN_NS;
        await m.advance(2 * HOUR_MS);
        await m.uptime(id, from, from + 90n * MIN_NS);
        ok(await m.w.as(a).cancelContract(id, 'not needed'));
    }
    return { m, sybils, after: await m.standing(), earlyPoints: await rulePoints(m.w, m.victim, 'early_cancellation') };
}

/** `count` sybils with `parallel` × `days` at the 3-token rival each rent the victim a day and make their servers unreachable. */
async function switchOff(count: number, parallel: number, days: number) {
    const m = await attackMarket();
    const sybils = await Promise.all(Array.from({ length: count }, (_, i) => m.attacker(240 + i, 4n * E8)));
    for (const a of sybils) for (let k = 0; k < parallel; k++) await m.rent(a, m.providers[1]!, m.offerings[1]!, days * 24);
    await m.advance(days * 24 * HOUR_MS + HOUR_MS);
    ok(await m.w.as(controller).runDue());
    const before = await m.standing();
    const ids: bigint[] = [];
    for (const a of sybils) ids.push(await m.rent(a, m.victim, m.victimOffering, 24));
    const from = minuteOf(m.w.nowNs()) + MIN_NS;
    await m.advance(23 * HOUR_MS + 30 * 60_000);
    for (const id of ids) await m.uptime(id, from, from + 23n * 60n * MIN_NS, () => true);
    ok(await m.w.as(controller).runDue());
    const after = await m.standing();
    const o = m.outcome({ before, after, cost: await m.spent(sybils), effect: '' });
    o.effect = `23 hours of ${count === 1 ? 'its own 1-day server' : `their ${count} own 1-day servers`} measured down by both platform monitors: score ${before.score} → ${after.score}, flags [${after.flags.join(',')}]`;
    return o;
}

export const attacks: Attack[] = [
    {
        // A tenant has its server: one that switches it off (or firewalls the prober) is measured
        // down by the platform's own monitors, whatever the provider does. Here the probe endpoint is
        // the server itself; a host-level endpoint the tenant cannot reach would measure the provider.
        name: 'tenant switches off its own server: 1 sybil with 16 days elsewhere rents a day',
        source: 'new',
        run: () => switchOff(1, 1, 16)
    },
    {
        // The next move against the median tenant (domain/uptime/median.ts): as much reach as fits
        // under 10 tokens at the cheapest rival (3 tokens a month), 3 tenants worth half each, bought
        // as two 15-day contracts at once so that the victim's tenants are still there.
        name: 'tenants switch off their own servers: 3 sybils with 30 days elsewhere rent a day',
        source: 'new',
        run: () => switchOff(3, 2, 15)
    },
    {
        // The early-cancellation rule with the cheapest independent voices: as many sybils with
        // history elsewhere as fit under 10 tokens (each 1.6 at the rival), on a victim always up.
        name: 'early-cancellation swarm: 6 sybils with 16 days elsewhere cancel measured 30-day contracts',
        source: 'new',
        async run() {
            const control = await earlyCancelSwarm(6, false);
            const attacked = await earlyCancelSwarm(6, true);
            const o = attacked.m.outcome({ before: control.after, after: attacked.after, cost: await attacked.m.spent(attacked.sybils), effect: '' });
            o.effect = `6 tenants with 16 days elsewhere each cancel a 30-day contract after 90 minutes measured up: score ${control.after.score} (market left alone) → ${attacked.after.score}, flags [${attacked.after.flags.join(',')}]; early_cancellation ${attacked.earlyPoints} raw points (before the downtime rule −9.3, absorbed by the victim's headroom above 100)`;
            return o;
        }
    },
    {
        // One paid message at night: a single sybil tenant makes an honest provider "silent" (critical).
        name: 'silence sink: a 3-hour sybil tenant messages at night',
        source: 'new',
        async run() {
            const m = await attackMarket();
            const before = await m.standing();
            const a = await m.attacker(1, E8);
            const id = await m.rent(a, m.victim, m.victimOffering, 3);
            ok(await m.w.as(relay).submitConversationEvents([event('night-q', id, 'CustomerMessage', m.w.nowNs())]));
            // The provider sleeps for 90 minutes (its response target is 60), then answers.
            await m.advance(45 * 60_000);
            await m.advance(45 * 60_000);
            const during = await m.standing();
            ok(await m.w.as(relay).submitConversationEvents([event('night-r', id, 'ProviderReply', m.w.nowNs())]));
            await m.advance(2 * HOUR_MS);
            const after = await m.standing();
            const o = m.outcome({ before, after: during, cost: await m.spent([a]), effect: '' });
            o.effect = `while unanswered (30 min past the 60-min target): score ${before.score} → ${during.score}, [${during.flags.join(',')}], warning before checkout ${during.warnBeforeCheckout}; after the reply: ${after.score} [${after.flags.join(',')}]`;
            return o;
        }
    },
    {
        // Free principals fill the canister with contract records that outlive their expiry.
        name: 'storage/cycles drain: free unpaid requests',
        source: 'new',
        async run() {
            const m = await attackMarket();
            const before = await m.standing();
            const status0 = await m.w.pic.canisterStatus({ canisterId: m.w.marketId, sender: controller });
            let instructions = 0n;
            const ids: bigint[] = [];
            for (let i = 0; i < 50; i++) {
                const sybil = await m.attacker(100 + Math.floor(i / 10));
                const r = await m.w.as(sybil).requestContract(m.victimOffering, 720);
                instructions += m.w.pic.lastInstructions;
                if ('Ok' in r) ids.push(r.Ok.id);
            }
            await m.advance(2 * HOUR_MS);
            let expired = 0;
            for (const id of ids) expired += (await m.w.as(relay).getContract(id)).length;
            const after = await m.standing();
            await m.advance(8 * 24 * HOUR_MS);
            const status1 = await m.w.pic.canisterStatus({ canisterId: m.w.marketId, sender: controller });
            const bytes = status1.memory_size - status0.memory_size;
            let kept = 0;
            for (const id of ids) kept += (await m.w.as(relay).getContract(id)).length;
            const o = m.outcome({ before, after, cost: 0n, effect: '' });
            o.effect = `${ids.length} unpaid requests from 5 free principals: ${(Number(instructions) / Math.max(1, ids.length) / 1e6).toFixed(1)}M instructions each, paid by the canister; ${expired} records kept after expiry, ${kept} after 8 days, memory +${bytes} B`;
            o.targetMet = o.targetMet && kept === 0;
            return o;
        }
    },
    {
        // Feedback counts from any tenant whose paid contract ran and ended, however short and cheap.
        name: 'feedback sink: 6 one-hour sybils answer "no" twice each',
        source: 'new',
        async run() {
            const m = await attackMarket();
            const before = await m.standing();
            const sybils = await Promise.all(Array.from({ length: 6 }, (_, i) => m.attacker(200 + i, E8 / 10n)));
            const counted = await answerNoTwice(m, sybils);
            const after = await m.standing();
            const o = m.outcome({ before, after, cost: await m.spent(sybils), effect: '' });
            o.effect = `12 one-hour contracts, ${counted} counted "no" answers: score ${before.score} → ${after.score}, flags [${after.flags.join(',')}]`;
            return o;
        }
    },
    {
        // Feedback counts only from tenants with history elsewhere: five sybils buy it (16 days at a
        // rival, 1.6 tokens each, paid to another provider), then answer "no" about two hours each.
        name: 'feedback sink with history: 5 sybils with 16 days elsewhere, 2 one-hour contracts each, answer "no"',
        source: 'new',
        async run() {
            const m = await attackMarket();
            const before = await m.standing();
            const sybils = await Promise.all(Array.from({ length: 5 }, (_, i) => m.attacker(210 + i, 2n * E8)));
            for (const a of sybils) await m.rent(a, m.providers[1]!, m.offerings[1]!, 16 * 24);
            await m.advance(16 * 24 * HOUR_MS + HOUR_MS);
            ok(await m.w.as(controller).runDue());
            const base = await m.standing();
            const counted = await answerNoTwice(m, sybils);
            const after = await m.standing();
            const o = m.outcome({ before: base, after, cost: await m.spent(sybils), effect: '' });
            o.effect = `10 one-hour contracts of tenants with history elsewhere, ${counted} counted "no" answers: score ${base.score} → ${after.score}, flags [${after.flags.join(',')}] (at the start ${before.score} [${before.flags.join(',')}])`;
            return o;
        }
    },
    {
        // The cheapest way past the breadth rule (a tenant widens it only with a week paid here):
        // three sybils buy 16 days at the cheapest rival, then each rents the victim for a week and
        // answers "no" once it ends. A week passes unmeasured, so the victim's score is compared
        // with the same market left alone for the same time. Found while closing the one-hour sink.
        name: 'week-long sybils: 3 with 16 days elsewhere rent the victim a week each, answer "no"',
        source: 'new',
        async run() {
            const control = await weekLongSybils(false);
            const attacked = await weekLongSybils(true);
            const o = attacked.m.outcome({ before: control.after, after: attacked.after, cost: await attacked.m.spent(attacked.sybils), effect: '' });
            o.effect = `3 week-long contracts of tenants with history elsewhere, ${attacked.counted} counted "no" answers: score ${control.after.score} (market left alone) → ${attacked.after.score}, flags [${attacked.after.flags.join(',')}]`;
            return o;
        }
    },
    {
        // Updates anyone may call are paid by the canister (reverse gas): the most a free principal
        // can make one message cost, against an empty update.
        name: 'cycles drain: settleSla of 100 ids by a stranger',
        source: 'new',
        async run() {
            const m = await attackMarket();
            const before = await m.standing();
            const s = m.w.as(await m.attacker(300));
            await s.ping();
            const ping = m.w.pic.lastInstructions;
            const ids = Array.from({ length: 100 }, (_, i) => BigInt(i + 1));
            let max = 0n;
            for (let k = 0; k < 3; k++) {
                await s.settleSla(ids);
                if (m.w.pic.lastInstructions > max) max = m.w.pic.lastInstructions;
            }
            const o = m.outcome({ before, after: await m.standing(), cost: 0n, effect: '' });
            // Before: every id's contract and trust record decoded and planned, 90.8M (73x ping) on
            // this market. Now a free call reads the caller's open contracts by index and at most 3 other ids.
            o.effect = `settleSla(100 ids) ${(Number(max) / 1e6).toFixed(1)}M instructions a call (${(Number(max) / Number(ping)).toFixed(0)}x ping; was 90.8M, 73x), free for the caller, repeatable`;
            o.targetMet = o.targetMet && max < 10n * ping;
            return o;
        }
    },
    {
        // The marketplace loads 24 offerings at a time in creation order and sorts only what it loaded:
        // one provider's offerings created ahead of an honest newcomer pushed it off the first page.
        // Now search rounds give each provider one place before anyone's second, and being listed costs the fee.
        name: 'catalogue spam: 1 listed provider, 24 offerings, ahead of a newcomer',
        source: 'new',
        async run() {
            const m = await attackMarket();
            const spammer = await m.attacker(400, LISTING_COST);
            ok(await m.w.as(spammer).registerProvider(providerProfile(spammer, 'Spam Hosting')));
            await m.list(spammer);
            let instructions = 0n;
            for (let i = 0; i < 24; i++) {
                ok(await m.w.as(spammer).createOffering(vpsOffering(3n * E8, { name: `Spam ${i}` })));
                instructions += m.w.pic.lastInstructions;
            }
            const oid = await newcomer(m, 401);
            const anon = m.w.as(Principal.anonymous());
            const page = await anon.searchOfferings(NO_FILTER, 0, PAGE);
            const small = m.w.pic.lastInstructions;
            const shown = page.items.some((o: { id: bigint }) => o.id === oid);
            // The search page's cost against the catalogue's size: the spammer fills its quota and 20 more providers list one each.
            for (let i = 24; i < 200; i++) ok(await m.w.as(spammer).createOffering(vpsOffering(3n * E8, { name: `Spam ${i}` })));
            for (let i = 0; i < 20; i++) {
                const p = await m.attacker(410 + i, LISTING_COST);
                ok(await m.w.as(p).registerProvider(providerProfile(p, `Filler ${i}`)));
                await m.list(p);
                ok(await m.w.as(p).createOffering(vpsOffering(5n * E8)));
            }
            const big = await anon.searchOfferings(NO_FILTER, 0, PAGE);
            const large = m.w.pic.lastInstructions;
            return {
                costBaseUnits: await m.spent([spammer]), token: TOKEN, moneyMoved: 0n,
                effect: `24 offerings by one listed provider (${(Number(instructions) / 24 / 1e6).toFixed(0)}M instructions each, paid by the canister; up to 200 a principal): the newcomer's offering ${shown ? 'is' : 'is not'} on the app's first page of ${PAGE} (of ${page.total}; was not, creation order); a page costs ${(Number(small) / 1e6).toFixed(1)}M instructions at ${page.total} offerings, ${(Number(large) / 1e6).toFixed(1)}M at ${big.total} (x${(Number(large) / Number(small)).toFixed(2)})`,
                targetMet: shown && big.items.some((o: { id: bigint }) => o.id === oid)
            };
        }
    },
    {
        // The rounds hold one place per provider. Registering stays free, but a provider's offerings
        // enter search only once it paid the listing fee: free principals no longer take places, and
        // filling the first page ahead of a newcomer takes (page − established providers) paid listings.
        name: 'catalogue spam: sybil providers, 1 offering each, ahead of a newcomer',
        source: 'new',
        async run() {
            const free = await attackMarket();
            const established = (await free.w.as(Principal.anonymous()).searchOfferings(NO_FILTER, 0, PAGE)).total;
            for (let i = 0; i < PAGE; i++) await sybil(free, 500 + i, false);
            const freeAt = await placeOf(free, await newcomer(free, 530));
            // Paid: as many as the first page has places left after the established providers' firsts.
            const needed = PAGE - established;
            const m = await attackMarket();
            const spammers: Principal[] = [];
            for (let i = 0; i < needed; i++) spammers.push(await sybil(m, 500 + i, true));
            const at = await placeOf(m, await newcomer(m, 530));
            const cost = await m.spent(spammers);
            const harmed = at > PAGE;
            return {
                costBaseUnits: cost, token: TOKEN, moneyMoved: 0n,
                effect: `${PAGE} free sybil providers (unlisted, cost 0): the newcomer is at place ${freeAt} (first page; was 25, off it, before the listing fee). With ${established} established providers, ${needed} sybils must pay the listing fee to fill the page: the newcomer is at place ${at} (${harmed ? 'off' : 'on'} the first page of ${PAGE}) for ${(Number(cost) / 1e8).toFixed(4)} ICP (${needed} × (1 ICP + 2 ledger fees), not refundable)`,
                targetMet: freeAt <= PAGE && (!harmed || cost >= 10n * E8)
            };
        }
    }
];

/** The app's first page. */
const PAGE = 24;

/** A sybil provider with one offering; `listed`: it paid the listing fee. */
async function sybil(m: AttackMarket, i: number, listed: boolean): Promise<Principal> {
    const p = await m.attacker(i, listed ? LISTING_COST : 0n);
    ok(await m.w.as(p).registerProvider(providerProfile(p, `Sybil Hosting ${i}`)));
    ok(await m.w.as(p).createOffering(vpsOffering(3n * E8, { name: `Sybil ${i}` })));
    if (listed) await m.list(p);
    return p;
}

/** An honest newcomer: registers, pays the listing fee, lists one offering; returns its id. */
async function newcomer(m: AttackMarket, i: number): Promise<bigint> {
    const p = await m.attacker(i, LISTING_COST);
    ok(await m.w.as(p).registerProvider(providerProfile(p, 'Honest Newcomer')));
    await m.list(p);
    return ok<{ id: bigint }>(await m.w.as(p).createOffering(vpsOffering(4n * E8))).id;
}

/** 1-based place of an offering in the app's unfiltered search order. */
async function placeOf(m: AttackMarket, id: bigint): Promise<number> {
    const items = (await m.w.as(Principal.anonymous()).searchOfferings(NO_FILTER, 0, 100)).items as { id: bigint }[];
    return items.findIndex((o) => o.id === id) + 1;
}

const NO_FILTER = {
    provider: [], productType: [], region: [], country: [], city: [], token: [], minPrice: [], maxPrice: [], minCpuCores: [], minRamMb: [], minStorageGb: [],
    minBandwidthMbps: [], gpu: [], available: [], includeInactive: [], minTrustScore: []
};
