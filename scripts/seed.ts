// Seeds a demo marketplace: providers with offerings, contracts in several states, and trust
// signals (uptime from two monitors, chat response times, benchmarks, feedback). Run by
// `npm start` on the first start; every call goes through the public canister API.
import type { Identity } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { CANISTER_IDS } from './start-deploy';
import { actorsFor, idpIdentity, ok, type Actors } from './seed-identities';

const E8 = 100_000_000n;
const MIN_NS = 60_000_000_000n;
const TOKEN = 'TCY';
/** The second token (start.ts TOKEN2): 6 decimals. */
const USDC = 1_000_000n;

export interface SeedOptions {
    localnetUrl: string;
    appOrigin: string;
    controller: Identity;
    minter: Identity;
    relay: Identity;
    log: (m: string) => void;
}

type Spec = Parameters<Actors['market']['createOffering']>[0];
const spec = (s: Partial<Spec> & Pick<Spec, 'name' | 'pricePerMonth' | 'cpuCores' | 'ramMb' | 'storageGb' | 'region' | 'country' | 'city'>): Spec => ({
    description: '',
    productType: { VPS: null },
    bandwidthMbps: 1000,
    gpu: '',
    gpuCount: 0,
    token: TOKEN,
    setupFee: 0n,
    minHours: 1,
    maxHours: 2160,
    stock: 10,
    uptimeTargetBps: 9990,
    firstResponseMinutes: 240,
    ...s
});

/** The demo cast: providers and tenants are local identity-provider users. */
export const CAST = {
    providers: {
        bob: { name: 'Nimbus Hosting', description: 'Green-powered VPS in Frankfurt and Amsterdam since 2014.', website: 'https://nimbus.example', email: 'support@nimbus.example' },
        carol: { name: 'Budget Boxes', description: 'The cheapest servers on the market.', website: '', email: '' },
        dave: { name: 'GPU Forge', description: 'A100 and H100 machines for training and inference.', website: 'https://gpuforge.example', email: 'ops@gpuforge.example' },
        erin: { name: 'Alpine Metal', description: 'Dedicated servers in Swiss data centres.', website: 'https://alpinemetal.example', email: 'hello@alpinemetal.example' }
    },
    tenants: ['alice', 'frank', 'grace']
} as const;

export async function seed(o: SeedOptions): Promise<Record<string, unknown>> {
    const ids = { marketplace: CANISTER_IDS.marketplace, ledger: CANISTER_IDS.ledger };
    const t0 = Date.now();
    const as = async (user: string) => actorsFor(o.localnetUrl, await idpIdentity(o.localnetUrl, user, o.appOrigin), ids);
    const controller = await actorsFor(o.localnetUrl, o.controller, ids);
    const minter = await actorsFor(o.localnetUrl, o.minter, ids);
    const minterUsdc = await actorsFor(o.localnetUrl, o.minter, { ...ids, ledger: CANISTER_IDS.ckusdc });
    const relay = await actorsFor(o.localnetUrl, o.relay, ids);
    const monitors = await Promise.all(['monitor-eu', 'monitor-us'].map(async (m) => actorsFor(o.localnetUrl, (await import('./start-deploy')).devIdentity(m), ids)));

    // Reporters: the relay forwards payments, chat events and benchmarks and, with the same key,
    // probes as a monitor; two more independent uptime monitors.
    ok(await controller.market.setTrustReporter(relay.principal, [{ Relay: null }, { Monitor: null }]), 'setTrustReporter relay');
    for (const m of monitors) ok(await controller.market.setTrustReporter(m.principal, [{ Monitor: null }]), 'setTrustReporter monitor');

    const p: Record<string, Actors> = {};
    for (const user of Object.keys(CAST.providers)) p[user] = await as(user);
    const t: Record<string, Actors> = {};
    for (const user of CAST.tenants) t[user] = await as(user);

    // Tokens for every tenant (minted by the minting account).
    for (const user of CAST.tenants) {
        ok(await minter.ledger.icrc1_transfer({ to: { owner: t[user]!.principal, subaccount: [] }, amount: 5_000n * E8, fee: [], memo: [], from_subaccount: [], created_at_time: [] }), `mint for ${user}`);
        ok(await minterUsdc.ledger.icrc1_transfer({ to: { owner: t[user]!.principal, subaccount: [] }, amount: 5_000n * USDC, fee: [], memo: [], from_subaccount: [], created_at_time: [] }), `mint ckUSDC for ${user}`);
    }

    for (const [user, prof] of Object.entries(CAST.providers)) {
        const a = p[user]!;
        ok(
            await a.market.registerProvider({
                name: prof.name,
                description: prof.description,
                website: prof.website,
                contacts: prof.email ? [{ kind: 'email', value: prof.email }] : [],
                payout: { owner: a.principal, subaccount: [] }
            }),
            `register ${user}`
        );
    }
    const offer = async (user: string, s: Spec) => ok(await p[user]!.market.createOffering(s), `offering ${s.name}`).id;
    const off = {
        nimbusS: await offer('bob', spec({ name: 'Nimbus VPS S', description: '2 vCPU, 4 GB RAM, NVMe, 1 Gbit/s, IPv4 + IPv6.', cpuCores: 2, ramMb: 4096, storageGb: 80, region: 'Europe', country: 'Germany', city: 'Frankfurt', pricePerMonth: 12n * E8 })),
        nimbusL: await offer('bob', spec({ name: 'Nimbus VPS L', description: '8 vCPU, 32 GB RAM, NVMe, 1 Gbit/s.', cpuCores: 8, ramMb: 32768, storageGb: 400, region: 'Europe', country: 'Netherlands', city: 'Amsterdam', pricePerMonth: 48n * E8 })),
        nimbusM: await offer('bob', spec({ name: 'Nimbus VPS M', description: '4 vCPU, 8 GB RAM, NVMe.', cpuCores: 4, ramMb: 8192, storageGb: 160, region: 'Europe', country: 'Germany', city: 'Frankfurt', pricePerMonth: 22n * E8 })),
        budget: await offer('carol', spec({ name: 'Budget VPS', description: 'Unbeatable price.', cpuCores: 2, ramMb: 4096, storageGb: 80, region: 'Asia', country: 'Singapore', city: 'Singapore', pricePerMonth: 3n * E8, uptimeTargetBps: 9900, firstResponseMinutes: 1440 })),
        budgetXl: await offer('carol', spec({ name: 'Budget VPS XL', description: 'Lots of cores, cheap.', cpuCores: 8, ramMb: 16384, storageGb: 200, region: 'Asia', country: 'Singapore', city: 'Singapore', pricePerMonth: 9n * E8, uptimeTargetBps: 9900 })),
        gpu: await offer('dave', spec({ name: 'A100 80 GB', description: '1× A100 80 GB, 16 vCPU, 128 GB RAM.', productType: { GPU: null }, cpuCores: 16, ramMb: 131072, storageGb: 1000, gpu: 'NVIDIA A100 80GB', gpuCount: 1, region: 'North America', country: 'United States', city: 'Ashburn', pricePerMonth: 950n * E8, setupFee: 20n * E8, minHours: 24, stock: 3 })),
        gpu2: await offer('dave', spec({ name: 'H100 SXM', description: '1× H100 80 GB, 24 vCPU, 256 GB RAM.', productType: { GPU: null }, cpuCores: 24, ramMb: 262144, storageGb: 2000, gpu: 'NVIDIA H100', gpuCount: 1, region: 'North America', country: 'Canada', city: 'Montreal', pricePerMonth: 1900n * E8, minHours: 24, stock: 2 })),
        alpine: await offer('erin', spec({ name: 'Alpine Dedicated E-2388', description: 'Dedicated Xeon E-2388G, 64 GB ECC, 2× 1 TB NVMe.', productType: { Dedicated: null }, cpuCores: 8, ramMb: 65536, storageGb: 2000, region: 'Europe', country: 'Switzerland', city: 'Zurich', pricePerMonth: 110n * E8, setupFee: 5n * E8, uptimeTargetBps: 9995, firstResponseMinutes: 60 })),
        alpineS: await offer('erin', spec({ name: 'Alpine VPS', description: '2 vCPU, 4 GB RAM in Geneva.', cpuCores: 2, ramMb: 4096, storageGb: 60, region: 'Europe', country: 'Switzerland', city: 'Geneva', pricePerMonth: 14n * E8 })),
        // Priced in the second token: paid on the ckUSDC ledger (wallet or ICPay).
        stratus: await offer('erin', spec({ name: 'Stratus VPS', description: '4 vCPU, 8 GB RAM in Lugano, priced in ckUSDC.', cpuCores: 4, ramMb: 8192, storageGb: 160, region: 'Europe', country: 'Switzerland', city: 'Lugano', token: 'ckUSDC', pricePerMonth: 18n * USDC }))
    };

    // Contracts: request → approve → fund, then the provider's moves.
    const rent = async (tenant: string, offeringId: bigint, hours: number, pay = true): Promise<bigint> => {
        const a = t[tenant]!;
        const c = ok(await a.market.requestContract(offeringId, hours), `request ${tenant}`);
        if (!pay) return c.id;
        const due = c.quote[0]!.amount;
        ok(
            await a.ledger.icrc2_approve({ spender: { owner: Principal.fromText(ids.marketplace), subaccount: [] }, amount: due + 10_000n, expected_allowance: [], expires_at: [], fee: [], memo: [], from_subaccount: [], created_at_time: [] }),
            'approve'
        );
        ok(await a.market.fund(c.id), `fund ${c.id}`);
        return c.id;
    };
    const provision = async (user: string, id: bigint, host: string) => {
        ok(await p[user]!.market.acceptContract(id), `accept ${id}`);
        ok(await p[user]!.market.startProvisioning(id), `start provisioning ${id}`);
        ok(await p[user]!.market.reportProvisioned(id, `ssh root@${host} -p 22  (password sent in chat)`), `provision ${id}`);
        // Where monitors probe the server (listed to them by probeTargets).
        ok(await p[user]!.market.setProbeEndpoint(id, [{ scheme: { Tcp: null }, host, port: 22, path: '' }]), `probe endpoint ${id}`);
    };

    type Key = 'frankNimbus' | 'graceNimbus' | 'frankNimbusL' | 'graceAlpine' | 'frankAlpine' | 'frankBudget' | 'graceBudget' | 'frankBudget2' | 'graceGpu' | 'aliceNimbus';
    const c = {} as Record<Key, bigint>;
    c.frankNimbus = await rent('frank', off.nimbusS, 720);
    await provision('bob', c.frankNimbus, '203.0.113.10');
    c.graceNimbus = await rent('grace', off.nimbusM, 336);
    await provision('bob', c.graceNimbus, '203.0.113.11');
    c.graceAlpine = await rent('grace', off.alpine, 720);
    await provision('erin', c.graceAlpine, '198.51.100.20');
    c.frankAlpine = await rent('frank', off.alpineS, 48);
    await provision('erin', c.frankAlpine, '198.51.100.21');
    ok(await t.frank!.market.cancelContract(c.frankAlpine, 'Moved the workload elsewhere'), 'cancel');
    c.frankBudget = await rent('frank', off.budget, 168);
    ok(await p.carol!.market.rejectContract(c.frankBudget, 'No capacity'), 'reject');
    c.graceBudget = await rent('grace', off.budgetXl, 168);
    ok(await p.carol!.market.acceptContract(c.graceBudget), 'accept budget');
    ok(await p.carol!.market.reportProvisioningFailed(c.graceBudget, 'Hypervisor full'), 'provisioning failed');
    c.frankBudget2 = await rent('frank', off.budget, 72);
    ok(await p.carol!.market.acceptContract(c.frankBudget2), 'accept budget 2');
    ok(await p.carol!.market.startProvisioning(c.frankBudget2), 'start provisioning budget 2');
    ok(await p.carol!.market.reportProvisioned(c.frankBudget2, 'ssh root@192.0.2.50'), 'provision budget 2');
    ok(await t.frank!.market.cancelContract(c.frankBudget2, 'Server was unusable'), 'cancel budget 2');
    c.aliceNimbus = await rent('alice', off.nimbusS, 168);
    await provision('bob', c.aliceNimbus, '203.0.113.12');

    // Trust signals, each batch best-effort (a rejected batch is reported, not fatal).
    const warn = (what: string, e: unknown) => o.log(`seed: ${what} skipped: ${(e as Error).message.slice(0, 200)}`);
    const soft = async (what: string, f: () => Promise<unknown>) => {
        try {
            await f();
        } catch (e) {
            warn(what, e);
        }
    };
    // Let service time pass (canister time moves forward through localnet's dev endpoint), then
    // report what the monitors and the chat saw during it.
    const advance = async (ms: number) => {
        const r = await fetch(`${o.localnetUrl}/_/time/advance`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ms }) });
        if (!r.ok) throw new Error(`time advance: ${r.status}`);
        return BigInt(((await r.json()) as { nowNs: string }).nowNs);
    };
    const H = 3_600_000;
    const nowNs = await advance(6 * H);
    // Open requests last, after the time jump, so they have not timed out when the demo starts.
    c.frankNimbusL = await rent('frank', off.nimbusL, 168); // pending: awaiting bob
    c.graceGpu = await rent('grace', off.gpu, 48, false); // requested, unpaid
    const nowMin = (nowNs / MIN_NS) * MIN_NS - MIN_NS;
    const minutes = 240;
    const uptime = (contractId: bigint, downEvery: number) =>
        Array.from({ length: minutes }, (_, i) => {
            const down = downEvery > 0 && i % downEvery === 0 ? 1 : 0;
            return { id: `seed-${contractId}-${i}`, contractId, bucketStart: nowMin - BigInt(minutes - 1 - i) * MIN_NS, up: 1 - down, down, latencyMs: 20 + (i % 7), source: [] as [] };
        });
    for (const m of monitors) {
        await soft('uptime', async () => {
            const reports = [...uptime(c.frankNimbus, 0), ...uptime(c.graceNimbus, 120), ...uptime(c.aliceNimbus, 0), ...uptime(c.graceAlpine, 40)];
            for (let i = 0; i < reports.length; i += 400) ok(await m.market.submitUptime(reports.slice(i, i + 400)), 'submitUptime');
        });
    }
    const ns = (msAgo: number) => nowNs - BigInt(Math.round(msAgo)) * 1_000_000n;
    await soft('conversations', async () => {
        const ev = (id: string, contractId: bigint, kind: 'CustomerMessage' | 'ProviderReply', at: bigint) => ({ id, contractId, kind: { [kind]: null } as never, at });
        ok(
            await relay.market.submitConversationEvents([
                ev('c1', c.frankNimbus, 'CustomerMessage', ns(5 * H)),
                ev('c2', c.frankNimbus, 'ProviderReply', ns(5 * H - 12 * 60_000)),
                ev('c3', c.graceNimbus, 'CustomerMessage', ns(4 * H)),
                ev('c4', c.graceNimbus, 'ProviderReply', ns(4 * H - 25 * 60_000)),
                ev('c5', c.aliceNimbus, 'CustomerMessage', ns(3 * H)),
                ev('c6', c.aliceNimbus, 'ProviderReply', ns(3 * H - 8 * 60_000)),
                ev('c7', c.graceAlpine, 'CustomerMessage', ns(2 * H)),
                ev('c8', c.graceAlpine, 'ProviderReply', ns(2 * H - 40 * 60_000)),
                ev('c9', c.frankBudget2, 'CustomerMessage', ns(4.5 * H))
            ]),
            'submitConversationEvents'
        );
    });
    await soft('benchmarks', async () => {
        const b = (id: string, offering: bigint, metric: string, value: number, source: string) => ({ id, target: { Offering: offering } as never, source, metric, value, url: `https://${source}/offer/${offering}`, fetchedAt: ns(H) });
        ok(
            await relay.market.submitBenchmarks([
                b('b1', off.nimbusS, 'vcpu', 2, 'serververify.com'),
                b('b2', off.nimbusS, 'ram_gib', 3.9, 'serververify.com'),
                b('b3', off.nimbusS, 'ram_gib', 3.8, 'vpsbenchmarks.com'),
                b('b4', off.budget, 'ram_gib', 1.9, 'vpsbenchmarks.com'),
                b('b5', off.budget, 'vcpu', 1, 'vpsbenchmarks.com'),
                b('b6', off.alpine, 'storage_gib', 1860, 'serververify.com')
            ]),
            'submitBenchmarks'
        );
    });
    await soft('feedback', async () => {
        ok(await t.frank!.market.submitFeedback(c.frankAlpine, { matchedDescription: true, wouldRentAgain: true }), 'feedback alpine');
        ok(await t.frank!.market.submitFeedback(c.frankBudget2, { matchedDescription: false, wouldRentAgain: false }), 'feedback budget');
    });
    await soft('market refresh', async () => controller.market.refreshMarket());

    o.log(`seeded 4 providers, ${Object.keys(off).length} offerings, ${Object.keys(c).length} contracts in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { offerings: Object.fromEntries(Object.entries(off).map(([k, v]) => [k, v.toString()])), contracts: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.toString()])) };
}
