// Property: no sequence of unpaid actions, by any number of principals, changes any provider's
// score, rank or flags. The real market keeper drives the trust keeper through the same hooks the
// canister wires (runtime.ts); a control world gets the same clock moves and nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NS_PER_DAY, NS_PER_HOUR, type Contract } from '../../../src/kernel/records';
import { Market } from '../../../src/root/market';
import { memoryStore } from '../../../src/escrow/ports';
import { TrustKeeper } from '../../../src/trust/keeper/trust';
import { contractView, marketReader, trustStatusOf } from '../../../src/trust/market_adapter';
import { FakeLedger } from '../../domain/fake_ledger';
import { offeringSpec, unwrap } from '../../domain/harness';
import { memoryTrustStore } from './fakes';

const SELF = 'canister-self';
const RELAY = 'relay-1';
const MONITOR = 'monitor-1';
const PROVIDERS = ['prov-a', 'prov-b'];
const T0 = 20_000n * NS_PER_DAY;

function world() {
    let now = T0;
    const ledger = new FakeLedger(SELF, 10n);
    let trust: TrustKeeper | null = null;
    const market = new Market(
        memoryStore(),
        ledger,
        () => now,
        SELF,
        [
            (c: Contract, from) => {
                if (from !== null && from !== 'Requested' && trustStatusOf(from) === trustStatusOf(c.status)) return;
                trust!.contractChanged(c.id.toString(), contractView(c, 8));
            }
        ],
        [(o) => trust!.offeringChanged(o.id.toString())]
    );
    market.init({ tokens: [{ symbol: 'ICP', ledger: 'ledger-icp', decimals: 8, fee: 10n }], feeBps: 0, relays: [RELAY], feeAccount: { owner: 'fees', subaccount: null }, listingFee: { token: 'ICP', amount: 0n } });
    market.setReporterRoles(MONITOR, ['monitor'], 'admin');
    trust = new TrustKeeper(memoryTrustStore(), marketReader(market), () => now);
    const register = (id: string) => unwrap(market.registerProvider(id, { name: id, description: '', website: 'https://x.example', contacts: [], payout: { owner: id, subaccount: null } }));
    return {
        market,
        trust,
        ledger,
        register,
        get now() {
            return now;
        },
        async advance(ns: bigint) {
            now += ns;
            for (let i = 0; i < 100 && (await market.runDue()).processed > 0; i++);
        }
    };
}

type World = Awaited<ReturnType<typeof baseline>>;

/** Two providers with real paid history (one served, one running), identical in every world. */
async function baseline() {
    const w = world();
    const offerings: bigint[] = [];
    for (const p of PROVIDERS) {
        w.register(p);
        offerings.push(unwrap(w.market.createOffering(p, offeringSpec({ pricePerMonth: 720_000_000n }))).id);
    }
    const paid = async (tenant: string, oid: bigint, provider: string, hours: number) => {
        const c = unwrap(w.market.requestContract(tenant, oid, hours));
        w.ledger.mint('ICP', tenant, c.quote!.amount + 10n);
        w.ledger.approve('ICP', tenant, c.quote!.amount + 10n);
        unwrap(await w.market.fund(tenant, c.id));
        unwrap(w.market.acceptContract(provider, c.id));
        unwrap(w.market.startProvisioning(provider, c.id));
        return unwrap(w.market.reportProvisioned(provider, c.id, 'ssh root@10.0.0.1'));
    };
    await paid('tenant-1', offerings[0]!, 'prov-a', 48);
    await w.advance(3n * NS_PER_DAY);
    await paid('tenant-2', offerings[0]!, 'prov-a', 720);
    await paid('tenant-3', offerings[1]!, 'prov-b', 24);
    return { ...w, offerings };
}

const principals = ['prov-a', 'prov-b', 'tenant-1', 'tenant-2', 'sybil-1', 'sybil-2', 'sybil-3', 'stranger-1', 'stranger-2'];

type Action =
    | { kind: 'request'; who: number; offering: number; hours: number }
    | { kind: 'cancel' | 'reject' | 'accept' | 'provision'; contract: number }
    | { kind: 'advance'; hours: number }
    | { kind: 'offer'; who: number; priceMult: number; hide: boolean }
    | { kind: 'chat'; contract: number; reply: boolean }
    | { kind: 'uptime'; contract: number; down: boolean }
    | { kind: 'declare'; contract: number; who: number }
    | { kind: 'feedback'; contract: number };

const action: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ kind: fc.constant('request' as const), who: fc.nat(principals.length - 1), offering: fc.nat(8), hours: fc.integer({ min: 1, max: 800 }) }),
    fc.record({ kind: fc.constantFrom('cancel' as const, 'reject' as const, 'accept' as const, 'provision' as const), contract: fc.nat(30) }),
    fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ kind: fc.constant('offer' as const), who: fc.nat(principals.length - 1), priceMult: fc.constantFrom(0.1, 0.4, 3, 10), hide: fc.boolean() }),
    fc.record({ kind: fc.constant('chat' as const), contract: fc.nat(30), reply: fc.boolean() }),
    fc.record({ kind: fc.constant('uptime' as const), contract: fc.nat(30), down: fc.boolean() }),
    fc.record({ kind: fc.constant('declare' as const), contract: fc.nat(30), who: fc.nat(principals.length - 1) }),
    fc.record({ kind: fc.constant('feedback' as const), contract: fc.nat(30) })
);

async function apply(w: World, created: Contract[], a: Action): Promise<void> {
    const m = w.market;
    const c = 'contract' in a ? created[a.contract % Math.max(1, created.length)] : undefined;
    const sec = Number(w.now / 1_000_000_000n);
    switch (a.kind) {
        case 'request': {
            const all = m.store.offerings.values();
            const o = all[a.offering % all.length]!;
            const r = m.requestContract(principals[a.who]!, o.id, a.hours);
            if ('Ok' in r) created.push(r.Ok);
            return;
        }
        case 'advance':
            return w.advance(BigInt(a.hours) * NS_PER_HOUR);
        case 'offer': {
            const who = principals[a.who]!;
            if (m.store.providers.get(who) === undefined) w.register(who);
            const r = m.createOffering(who, offeringSpec({ pricePerMonth: BigInt(Math.round(720_000_000 * a.priceMult)) }));
            if ('Ok' in r && a.hide) m.setOfferingActive(who, r.Ok.id, false);
            return;
        }
    }
    if (c === undefined) return;
    switch (a.kind) {
        case 'cancel':
            m.cancelContract(c.tenant, c.id, 'x');
            return;
        case 'reject':
            m.rejectContract(c.provider, c.id, 'x');
            return;
        case 'accept':
            m.acceptContract(c.provider, c.id);
            return;
        case 'provision':
            m.startProvisioning(c.provider, c.id);
            m.reportProvisioned(c.provider, c.id, 'ssh');
            return;
        case 'chat':
            w.trust.submitConversationEvents(RELAY, [{ id: `chat-${created.indexOf(c)}-${sec}-${a.reply}`, contractId: c.id.toString(), kind: a.reply ? 'provider_reply' : 'customer_message', at: sec }]);
            return;
        case 'uptime':
            w.trust.submitUptime(MONITOR, [{ id: `up-${sec}`, contractId: c.id.toString(), bucketStart: Math.floor(sec / 60) * 60 - 60, up: a.down ? 0 : 6, down: a.down ? 6 : 0, latencyMs: 5, source: 'Probe' }]);
            return;
        case 'declare':
            w.trust.declareMonitor(principals[a.who]!, c.id.toString(), 'some-monitor');
            return;
        case 'feedback':
            w.trust.submitFeedback(c.tenant, c.id.toString(), { matchedDescription: false, wouldRentAgain: false });
            return;
    }
}

const view = (w: World, p: string) => {
    const prof = w.trust.providerProfile(p);
    if (prof === null) return null;
    const b = prof.breakdown;
    return { score: b.score, rank: b.rank, raw: b.raw, flags: b.flags.map((f) => f.code).sort(), evidence: b.evidenceText };
};

describe('property: unpaid actions never move a score or a flag', () => {
    it('holds for any sequence of unpaid actions by any principals', async () => {
        await fc.assert(
            fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), async (actions) => {
                const attacked = await baseline();
                const control = await baseline();
                const created: Contract[] = [];
                for (const a of actions) {
                    await apply(attacked, created, a);
                    if (a.kind === 'advance') await control.advance(BigInt(a.hours) * NS_PER_HOUR);
                }
                for (const p of PROVIDERS) expect(view(attacked, p)).toEqual(view(control, p));
                // Free requests do not even grow the trust tables.
                expect([attacked.trust.store.contracts.len(), attacked.trust.store.events.len(), attacked.trust.store.minutes.len()]).toEqual([control.trust.store.contracts.len(), control.trust.store.events.len(), control.trust.store.minutes.len()]);
                for (const p of principals) {
                    if (PROVIDERS.includes(p) || attacked.market.store.providers.get(p) === undefined) continue;
                    expect(view(attacked, p)).toMatchObject({ score: 60, flags: [] });
                }
            }),
            { numRuns: 150 }
        );
    });
});
