// History elsewhere minted by the attacker's own established provider (issue 19, part 2): its
// sybils rent from a provider the attacker already runs with honest tenants, so their "history
// elsewhere" is rent paid to the attacker itself, money going round a circle that costs only fees.
//   npx tsx bench/attacks.ts minted
import type { Principal } from '@dfinity/principal';
import { controller, ok, world } from '../../canisters/marketplace/test/canister/fixture.js';
import { registerReporters } from '../../canisters/marketplace/test/trust/canister/trust_fixture.js';
import type { Attack, AttackOutcome } from './attack.js';
import { advance, DAY_MS, E8S, HOUR_MS, principal, registered, rent, send, summary, wallets, withdrawAll } from './support/trust_world.js';
import { monthMeasuredUp, pumped } from './sybil.js';

const MONTH_HOURS = 720;
const FEE_BPS = 100;

/**
 * The attacker runs `established`, a provider `honest` independent tenants (16 days at an anchor
 * first) have rented for 30 days. Its `sybilCount` sybils, funded from the attacker's account, rent
 * `mintDays` there, then rent the attacker's new provider 30 days, measured up, and answer "yes".
 * Cost: the attacker's wallets (both providers' payouts withdrawn) before the sybils and after.
 */
export async function pumpWithMintedHistory(sybilCount = 6, honest = 8, mintDays = 16): Promise<AttackOutcome> {
    const attacker = principal(5, 0);
    const established = principal(5, 100);
    const anchor = principal(6, 0);
    const tenants = Array.from({ length: honest }, (_, i) => principal(7, i));
    const w = await world({ feeBps: FEE_BPS, balances: [[attacker, BigInt(3 * sybilCount + 5) * E8S], ...tenants.map((t): [Principal, bigint] => [t, 3n * E8S])] });
    await registerReporters(w);
    const anchorOffer = await registered(w, anchor, { pricePerMonth: E8S, setupFee: 0n, stock: 100 });
    ok(await w.as(controller).setAnchorProvider(anchor, true));
    const mintOffer = await registered(w, established, { pricePerMonth: E8S, setupFee: 0n, stock: 100 });
    for (const t of tenants) await rent(w, t, anchor, anchorOffer, 16 * 24);
    await advance(w, 16 * DAY_MS + HOUR_MS);
    for (const t of tenants) await rent(w, t, established, mintOffer, MONTH_HOURS);
    await advance(w, 30 * DAY_MS + HOUR_MS);
    const sybils = Array.from({ length: sybilCount }, (_, i) => principal(5, i + 1));
    const mine = [attacker, established, ...sybils];
    await withdrawAll(w, [established]);
    const start = await wallets(w, mine);
    const oid = await registered(w, attacker, { pricePerMonth: E8S, setupFee: 0n, stock: 1_000 });
    const before = await summary(w, attacker);
    for (const s of sybils) await send(w, attacker, s, (5n * E8S) / 2n);
    for (const s of sybils) await rent(w, s, established, mintOffer, mintDays * 24);
    await advance(w, mintDays * DAY_MS + HOUR_MS);
    const contracts = await monthMeasuredUp(w, sybils, attacker, oid);
    return pumped(w, attacker, sybils, contracts, start, before, `${sybilCount} sybils with ${mintDays} days at the attacker's own provider (${honest} honest tenants) × 30 days here, measured up`, [established]);
}

export const attacks: Attack[] = [
    { name: 'pump with minted history: 6 sybils rent 16 days first from the attacker’s established provider', source: 'new', run: () => pumpWithMintedHistory(6, 8, 16) },
    { name: 'pump with minted history: 6 sybils rent 30 days first from the attacker’s established provider', source: 'new', run: () => pumpWithMintedHistory(6, 8, 30) }
];
