// Shared moves of the trust attacks (sybil.ts, price.ts): a world with the local ledger (fee
// 10,000 e8s), funded sybils, paid and provisioned contracts, platform probes, and the victim's
// public summary. Costs are the attacker's non-refundable spend: its wallets' balances before the
// attack minus after, once every contract is closed and every payout withdrawn.
import { Principal } from '@dfinity/principal';
import { approve, offering, ok, profile, type World } from '../../../canisters/marketplace/test/canister/fixture.js';
import { chunks, minutes, monitorA, uptimeBatch } from '../../../canisters/marketplace/test/trust/canister/trust_fixture.js';

export const TOKEN = { symbol: 'ICP', decimals: 8 };
export const E8S = 100_000_000n;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const NS_PER_MS = 1_000_000n;

/** A principal of its own byte range per role, so that attacks never collide with the fixture's. */
export const principal = (tag: number, n: number): Principal => Principal.fromUint8Array(Uint8Array.of(0x61, tag, n));

export interface Summary {
    score: number;
    rank: number;
    flags: string[];
}

export async function summary(w: World, p: Principal): Promise<Summary> {
    const prof = (await w.as(principal(0xff, 0)).trustProfile(p))[0];
    return { score: prof.score as number, rank: prof.rank as number, flags: (prof.flags as { code: string }[]).map((f) => f.code).sort() };
}

export const newFlags = (before: Summary, after: Summary): string[] => after.flags.filter((f) => !before.flags.includes(f));

export async function send(w: World, from: Principal, to: Principal, amount: bigint): Promise<void> {
    ok(await w.ledgerAs(from).icrc1_transfer({ to: { owner: to, subaccount: [] }, amount, fee: [], memo: [], from_subaccount: [], created_at_time: [] } as never));
}

export async function wallets(w: World, who: Principal[]): Promise<bigint> {
    let sum = 0n;
    for (const p of who) sum += await w.balance(p);
    return sum;
}

export async function registered(w: World, p: Principal, over: Record<string, unknown> = {}): Promise<bigint> {
    if ((await w.as(p).getProvider(p)).length === 0) ok(await w.as(p).registerProvider(profile(p)));
    return ok<{ id: bigint }>(await w.as(p).createOffering(offering(over))).id;
}

/** Requested by `who`, paid by ICRC-2 and, unless `serve` is false, accepted and provisioned by `provider`. */
export async function rent(w: World, who: Principal, provider: Principal, oid: bigint, hours: number, serve = true): Promise<{ id: bigint; start: bigint }> {
    const c = ok<{ id: bigint; quote: { amount: bigint }[] }>(await w.as(who).requestContract(oid, hours));
    await approve(w, who, c.quote[0]!.amount);
    ok(await w.as(who).fund(c.id));
    if (!serve) return { id: c.id, start: w.nowNs() };
    ok(await w.as(provider).acceptContract(c.id));
    ok(await w.as(provider).startProvisioning(c.id));
    ok(await w.as(provider).reportProvisioned(c.id, 'ssh root@10.0.0.7'));
    return { id: c.id, start: w.nowNs() };
}

/** The platform's prober saw the contract's server up for the `mins` minutes before now (the first `downMins` of them down). */
export async function probedUp(w: World, contractId: bigint, mins: number, downMins = 0): Promise<void> {
    const now = w.nowNs();
    const from = now - BigInt(mins) * 60_000n * NS_PER_MS;
    const span = minutes(from, now, (m) => m <= from + BigInt(downMins) * 60_000n * NS_PER_MS);
    for (const [i, part] of chunks(span, 500).entries()) ok(await w.as(monitorA).submitUptime(uptimeBatch(`p${contractId}-${now}-${i}`, contractId, part, 'Probe')));
}

export async function advance(w: World, ms: number): Promise<void> {
    await w.pic.advanceTime(ms);
    await w.pic.tick(3);
}

/** Withdraws whatever the market owes each principal (provider payouts), so that balances show the net. */
export async function withdrawAll(w: World, who: Principal[]): Promise<void> {
    for (const p of who) {
        const b = await w.as(p).balanceOf(p, 'ICP');
        const owed = 'Ok' in b ? (b.Ok as { withdrawable: bigint }).withdrawable : 0n;
        if (owed > 10_000n) ok(await w.as(p).withdraw('ICP', []));
    }
}

/** The unweighted points of one rule in `provider`'s published breakdown (NaN when it has no such line). */
export async function rulePoints(w: World, provider: Principal, rule: string): Promise<number> {
    const line = (await w.as(provider).trustProfile(provider))[0]?.breakdown.find((l: { rule: string }) => l.rule === rule);
    return line === undefined ? NaN : Number(line.points);
}
