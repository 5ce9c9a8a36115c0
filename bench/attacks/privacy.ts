// Privacy (issue 19, part 7): what a stranger learns about other people's contracts from the
// per-contract queries by walking sequential ids, and what a provider learns about another
// provider's customers from `listContracts{tenant: victim, provider: self}`. Queries are free,
// so any leak misses the target.
import type { Attack } from './attack.js';
import { attackMarket, E8, providerProfile, vpsOffering, type AttackMarket } from './fixture/market.js';
import { ok } from '../../canisters/marketplace/test/canister/fixture.js';

/** Reads contract ids 1..n as `stranger` through every per-contract query; returns what came back. */
export async function walkContracts(m: AttackMarket, n: number) {
    const s = m.w.as(await m.attacker(1));
    const seen = { contracts: 0, providers: new Set<string>(), tenants: new Set<string>(), slaRecords: 0, events: 0, monitors: 0, balances: 0, existing: 0 };
    const me = await m.attacker(3);
    // The updates' errors as an existence oracle: an answer unlike an unknown id's reveals a contract.
    const kinds = async (id: bigint) => [await s.declareMonitor(id, me), await s.submitFeedback(id, { matchedDescription: true, wouldRentAgain: true })].map(errKind).join();
    const unknown = await kinds(1_000_000n);
    for (let id = 1n; id <= BigInt(n); id++) {
        const sig = (await s.contractSignals(id))[0];
        if (sig !== undefined) {
            seen.contracts++;
            seen.providers.add(sig.provider.toText());
            if (sig.feedback.length === 1) seen.tenants.add(sig.feedback[0].tenant.toText());
            seen.slaRecords += sig.sla.length;
            seen.events += sig.recentEvents.length + (sig.lastReplyAt.length as number);
        }
        const mon = await s.contractMonitors(id);
        seen.monitors += mon.platform.length + mon.declared.length;
        seen.balances += (await s.contractBalance(id)).length + (await s.getContract(id)).length;
        if ((await kinds(id)) !== unknown) seen.existing++;
    }
    return seen;
}

const errKind = (r: any): string => ('Err' in r ? Object.keys(r.Err)[0]! : 'Ok');

/** A provider of its own asks for a victim tenant's contracts with itself: the total must not be the victim's. */
export async function totalsLeak(m: AttackMarket): Promise<{ leaked: number; victimTotal: number }> {
    const spy = await m.attacker(2);
    ok(await m.w.as(spy).registerProvider(providerProfile(spy, 'Spy Hosting')));
    ok(await m.w.as(spy).createOffering(vpsOffering(4n * E8)));
    const victim = m.tenants[0]!;
    let leaked = 0;
    for (const status of [[], [{ Active: null }], [{ Expired: null }]]) {
        leaked = Math.max(leaked, (await m.w.as(spy).listContracts({ tenant: [victim], provider: [spy], status }, 0, 100)).total);
    }
    const victimTotal = (await m.w.as(victim).listContracts({ tenant: [victim], provider: [], status: [] }, 0, 100)).total;
    return { leaked, victimTotal };
}

export const attacks: Attack[] = [
    {
        name: 'privacy: stranger walks contract ids',
        source: '19',
        async run() {
            const m = await attackMarket();
            const seen = await walkContracts(m, 40);
            const leaked = seen.contracts + seen.monitors + seen.balances + seen.existing;
            return {
                costBaseUnits: 0n, token: { symbol: 'ICP', decimals: 8 }, moneyMoved: 0n,
                effect: `40 ids: ${seen.contracts} contracts' signals (${seen.providers.size} providers, ${seen.tenants.size} tenants by feedback, ${seen.slaRecords} SLA records, ${seen.events} chat timings), ${seen.monitors} monitors, ${seen.balances} balances, ${seen.existing} ids told apart from unknown ones by declareMonitor/submitFeedback errors`,
                targetMet: leaked === 0
            };
        }
    },
    {
        name: "privacy: listContracts total of another's tenant",
        source: '19',
        async run() {
            const m = await attackMarket();
            const { leaked, victimTotal } = await totalsLeak(m);
            return {
                costBaseUnits: 0n, token: { symbol: 'ICP', decimals: 8 }, moneyMoved: 0n,
                effect: `a free provider asking {tenant: victim, provider: self} reads total ${leaked} (the victim has ${victimTotal} contracts, none with it)`,
                targetMet: leaked === 0
            };
        }
    }
];
