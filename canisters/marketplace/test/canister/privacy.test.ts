// Who may read what (issue 10, part 5): every private read × every kind of caller. A contract's
// tenant, amounts, history, journal and transfers: its tenant, its provider, controllers and the
// relay (through its role); a provider's payout account and anyone's balances: itself, controllers
// and the relay.
// Everyone else gets the public parts (offerings, provider profiles, trust aggregates).
import { Principal } from '@dfinity/principal';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS, anonymous, controller, offering, ok, profile, provider, provisioned, relay, stranger, tenant, tenant2, world, type World } from './fixture';
import { registerReporters } from '../trust/canister/trust_fixture';

type Caller = 'anonymous' | 'stranger' | 'tenant' | 'provider' | 'relay' | 'controller';
const CALLERS: Record<Caller, Principal> = { anonymous, stranger, tenant, provider, relay, controller };
const ALL: Caller[] = ['anonymous', 'stranger', 'tenant', 'provider', 'relay', 'controller'];
const PARTIES: Caller[] = ['tenant', 'provider', 'relay', 'controller'];

let w: World;
let ids: { contract: bigint; refund: bigint; offering: bigint };

/** read → (does the caller see it?, who should). */
const MATRIX: [string, (a: any) => Promise<boolean>, Caller[]][] = [
    ['getContract', async (a) => (await a.getContract(ids.contract)).length === 1, PARTIES],
    ['contractBalance', async (a) => (await a.contractBalance(ids.contract)).length === 1, PARTIES],
    ['listContracts by tenant', async (a) => (await a.listContracts({ tenant: [tenant], provider: [], status: [] }, 0, 10)).items.length > 0, ['tenant', 'relay', 'controller']],
    ['listContracts by provider', async (a) => (await a.listContracts({ tenant: [], provider: [provider], status: [] }, 0, 10)).items.length > 0, ['provider', 'relay', 'controller']],
    ['listContracts, all', async (a) => (await a.listContracts({ tenant: [], provider: [], status: [] }, 0, 10)).items.length > 0, ['relay', 'controller']],
    ['journal of the contract', async (a) => (await a.journal(0, 10, [ids.contract])).items.length > 0, PARTIES],
    ['whole journal', async (a) => (await a.journal(0, 10, [])).items.length > 0, ['relay', 'controller']],
    // Trust's per-contract reads follow the same rule (issue 19, part 7): provider, tenant (through
    // feedback), SLA amounts, chat timings and monitors of a contract are the parties' business.
    ['contractSignals', async (a) => (await a.contractSignals(ids.contract)).length === 1, PARTIES],
    ['contractMonitors', async (a) => (await a.contractMonitors(ids.contract)).platform.length > 0, PARTIES],
    ['getTransfer (the refund)', async (a) => (await a.getTransfer(ids.refund)).length === 1, ['tenant', 'relay', 'controller']],
    ['listTransfers', async (a) => (await a.listTransfers(0, 10, false)).items.some((t: any) => t.id === ids.refund), ['tenant', 'relay', 'controller']],
    ['provider payout account', async (a) => (await a.getProvider(provider))[0].payout.length === 1, ['provider', 'relay', 'controller']],
    ['provider payout in listProviders', async (a) => (await a.listProviders(0, 10)).items.find((p: any) => p.id.toText() === provider.toText()).payout.length === 1, ['provider', 'relay', 'controller']],
    ['provider payout in getProviders', async (a) => ok<any[]>(await a.getProviders([provider]))[0][0].payout.length === 1, ['provider', 'relay', 'controller']],
    ['balances of the provider', async (a) => 'Ok' in (await a.balanceOf(provider, 'ICP')), ['provider', 'relay', 'controller']],
    ['balances of the tenant', async (a) => 'Ok' in (await a.balanceOf(tenant, 'ICP')), ['tenant', 'relay', 'controller']],
    // Public parts: everyone.
    ['offering', async (a) => (await a.getOffering(ids.offering)).length === 1, ALL],
    ['provider profile', async (a) => (await a.getProvider(provider)).length === 1, ALL],
    ['trust profile', async (a) => (await a.trustProfile(provider)).length === 1, ALL]
];

describe('privacy matrix (private reads × callers)', () => {
    beforeAll(async () => {
        w = await world();
        await registerReporters(w);
        const c = await provisioned(w);
        await w.pic.advanceTime(2 * HOUR_MS);
        const closed = ok<any>(await w.as(tenant).cancelContract(c.id, 'privacy'));
        ids = { contract: c.id, refund: closed.refund[0].id, offering: c.offeringId };
    });

    for (const [read, sees, allowed] of MATRIX) {
        for (const who of ALL) {
            const may = allowed.includes(who);
            it(`${read} as ${who}: ${may ? 'visible' : 'hidden'}`, async () => {
                expect(await sees(w.as(CALLERS[who]))).toBe(may);
            });
        }
    }

    it('a stranger learns nothing from sequential contract ids', async () => {
        const s = w.as(stranger);
        for (const id of [ids.contract, ids.contract + 1n, 999n]) expect(await s.getContract(id)).toEqual([]);
        expect((await s.listContracts({ tenant: [tenant], provider: [], status: [] }, 0, 10)).total).toBe(0);
        expect((await s.journal(0, 10, [ids.contract])).total).toBe(0);
        for (const id of [ids.contract, ids.contract + 1n, 999n]) {
            expect(await s.contractSignals(id)).toEqual([]);
            expect(await s.contractMonitors(id)).toEqual({ platform: [], declared: [] });
        }
    });

    it("a stranger's updates on a contract answer as for an unknown id (declareMonitor, removeMonitor, submitFeedback)", async () => {
        const s = w.as(stranger);
        const answers = async (id: bigint) => [
            await s.declareMonitor(id, stranger),
            await s.removeMonitor(id, stranger),
            await s.submitFeedback(id, { matchedDescription: false, wouldRentAgain: false })
        ];
        for (const r of await answers(ids.contract)) expect(r).toEqual({ Err: { NotFound: { what: 'contract', id: ids.contract.toString() } } });
        for (const r of await answers(999n)) expect(r).toEqual({ Err: { NotFound: { what: 'contract', id: '999' } } });
        // The parties still get the rule's own answers (the contract is closed: no monitors; the tenant answers once).
        expect(await w.as(provider).declareMonitor(ids.contract, stranger)).toHaveProperty('Err.NotEligible');
        expect(await w.as(provider).submitFeedback(ids.contract, { matchedDescription: true, wouldRentAgain: true })).toHaveProperty('Err.Unauthorized');
    });

    it("no list reports totals of others' records: {tenant: victim, provider: self} counts the caller's own", async () => {
        // The spy is a provider of its own; the tenant rented from `provider` only.
        const spy = tenant2;
        if ((await w.as(spy).getProvider(spy)).length === 0) ok(await w.as(spy).registerProvider(profile(spy)));
        ok(await w.as(spy).createOffering(offering()));
        const victimTotal = (await w.as(tenant).listContracts({ tenant: [tenant], provider: [], status: [] }, 0, 10)).total;
        expect(victimTotal).toBeGreaterThan(0);
        for (const status of [[], [{ Cancelled: null }], [{ Active: null }]]) {
            const page = await w.as(spy).listContracts({ tenant: [tenant], provider: [spy], status }, 0, 10);
            expect(page).toEqual({ items: [], total: 0, next: [] });
        }
        // The parties themselves still filter by the other party, over their own list.
        const mine = await w.as(tenant).listContracts({ tenant: [tenant], provider: [provider], status: [] }, 0, 10);
        expect(mine.items.map((c: any) => c.id)).toEqual([ids.contract]);
        const theirs = await w.as(provider).listContracts({ tenant: [tenant], provider: [provider], status: [{ Cancelled: null }] }, 0, 10);
        expect(theirs.items.map((c: any) => c.id)).toEqual([ids.contract]);
    });

    it('the caller reads its own journal entries only', async () => {
        const mine = await w.as(tenant).accountJournal(0, 100);
        expect(mine.items.length).toBeGreaterThan(0);
        expect(mine.items.every((e: any) => e.account === tenant.toText())).toBe(true);
        expect((await w.as(stranger).accountJournal(0, 100)).items).toEqual([]);
    });
});
