// Price-index attack (issue 19, parts 1 and 6), replayed against the compiled canister with the
// local ledger: a rival lists offerings of implausible specs (0 CPU, 1 MB of RAM) and has each
// served once by a sybil 1-hour contract, to make an honest provider look "far below market".
// If such specs are refused, it lists plausible but overpriced specs instead.
//   npx tsx bench/attacks.ts price
import { errKind, offering, ok, profile, tenant, world } from '../../canisters/marketplace/test/canister/fixture.js';
import type { Attack, AttackOutcome } from './attack.js';
import { advance, DAY_MS, E8S, newFlags, principal, registered, rent, send, summary, TOKEN, wallets, withdrawAll } from './support/trust_world.js';

const IMPLAUSIBLE = { cpuCores: 0, ramMb: 1, storageGb: 0, pricePerMonth: E8S, setupFee: 0n };
const OVERPRICED = { cpuCores: 1, ramMb: 1024, storageGb: 10, pricePerMonth: E8S, setupFee: 0n };

export async function priceIndex(entries = 3): Promise<AttackOutcome> {
    const victim = principal(4, 0);
    const rival = principal(4, 1);
    const sybils = Array.from({ length: entries }, (_, i) => principal(4, i + 2));
    const w = await world({ balances: [[tenant, 1_000n * E8S], [rival, 10n * E8S]] });
    const oid = await registered(w, victim);
    await rent(w, tenant, victim, oid, 720);
    await advance(w, DAY_MS);
    const mine = [rival, ...sybils];
    const start = await wallets(w, mine);
    const victimStart = await wallets(w, [victim]);
    const before = await summary(w, victim);
    ok(await w.as(rival).registerProvider(profile(rival)));
    const first = await w.as(rival).createOffering(offering(IMPLAUSIBLE));
    const refused = 'Err' in first;
    const specs = refused ? OVERPRICED : IMPLAUSIBLE;
    const ids = [refused ? await registered(w, rival, specs) : (first.Ok as { id: bigint }).id];
    while (ids.length < entries) ids.push(await registered(w, rival, specs));
    for (const [i, s] of sybils.entries()) {
        await send(w, rival, s, E8S / 100n);
        await rent(w, s, rival, ids[i]!, 1);
    }
    await advance(w, 2 * 3_600_000);
    const after = await summary(w, victim);
    const market = ((await w.as(victim).trustProfile(victim))[0].offerings as { label: string }[])[0]?.label ?? '–';
    await withdrawAll(w, mine);
    const cost = start - (await wallets(w, mine));
    const raised = newFlags(before, after);
    const lost = victimStart - (await wallets(w, [victim]));
    return {
        costBaseUnits: cost,
        token: TOKEN,
        score: { before: before.score, after: after.score },
        rank: { before: before.rank, after: after.rank },
        flagsRaised: raised,
        moneyMoved: lost > 0n ? lost : 0n,
        effect: `${refused ? `0-CPU offering refused (${errKind(first)}); ` : ''}${entries} ${refused ? 'overpriced' : '0-CPU/1-MB'} offerings served by sybil 1-hour contracts: victim "${market}"`,
        targetMet: Math.abs(after.score - before.score) <= 2 && raised.length === 0
    };
}

export const attacks: Attack[] = [{ name: 'price index: rival entries served by sybils', source: '19', run: () => priceIndex() }];
