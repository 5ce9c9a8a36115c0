// A keeper on the in-memory store and fake ledger, with a settable clock and a conservation check
// that compares the books with the simulated ledger exactly.
import { expect } from 'vitest';
import { liabilities } from '../../src/escrow/domain/books';
import { NS_PER_DAY, type OfferingSpec } from '../../src/kernel/records';
import { Market } from '../../src/root/market';
import { memoryStore } from '../../src/escrow/ports';
import { FakeLedger } from './fake_ledger';

export const SELF = 'canister-self';
export const P = 'provider-1';
export const T = 'tenant-1';
export const RELAY = 'relay-1';
export const FEE_OWNER = 'fee-owner';
export const T0 = 20_000n * NS_PER_DAY;

export function offeringSpec(over: Partial<OfferingSpec> = {}): OfferingSpec {
    return {
        name: 'Small VPS', description: 'd', productType: 'VPS', cpuCores: 2, ramMb: 4096, storageGb: 80, bandwidthMbps: 1000,
        gpu: '', gpuCount: 0, region: 'eu', country: 'DE', city: 'Berlin', token: 'ICP', pricePerMonth: 720_000n, setupFee: 1_000n,
        minHours: 1, maxHours: 8760, stock: 100, uptimeTargetBps: 9990, firstResponseMinutes: 60, ...over
    };
}

/** `listingFee`: what a provider pays before its offerings enter search (0 unless a test is about the fee). */
export function harness(opts: { feeBps?: number; listingFee?: bigint } = {}) {
    let now = T0;
    const ledger = new FakeLedger(SELF, 10n);
    const store = memoryStore();
    const market = new Market(store, ledger, () => now, SELF);
    market.init({
        tokens: [{ symbol: 'ICP', ledger: 'ledger-icp', decimals: 8, fee: 10n }],
        feeBps: opts.feeBps ?? 0,
        relays: [RELAY],
        feeAccount: { owner: FEE_OWNER, subaccount: null },
        listingFee: { token: 'ICP', amount: opts.listingFee ?? 0n }
    });
    const h = {
        market,
        ledger,
        store,
        get now() {
            return now;
        },
        advance(ns: bigint) {
            now += ns;
        },
        provider(id = P) {
            const r = market.registerProvider(id, { name: id, description: '', website: '', contacts: [], payout: { owner: id, subaccount: null } });
            if ('Err' in r) throw new Error(JSON.stringify(r.Err, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
            return r.Ok;
        },
        offering(over: Partial<OfferingSpec> = {}, provider = P) {
            const r = market.createOffering(provider, offeringSpec(over));
            if ('Err' in r) throw new Error('offering');
            return r.Ok;
        },
        /** Mints and approves enough for the tenant to pay `amount`. */
        wallet(tenant: string, amount: bigint) {
            ledger.mint('ICP', tenant, amount + 10n);
            ledger.approve('ICP', tenant, amount + 10n);
        },
        /** Requested → funded → Accepted → Provisioning → Provisioned. */
        async provisioned(hours = 720, tenant = T, offeringId?: bigint) {
            const oid = offeringId ?? h.offering().id;
            const c = unwrap(market.requestContract(tenant, oid, hours));
            h.wallet(tenant, c.quote!.amount);
            unwrap(await market.fund(tenant, c.id));
            unwrap(market.acceptContract(P, c.id));
            unwrap(market.startProvisioning(P, c.id));
            return unwrap(market.reportProvisioned(P, c.id, 'ssh root@10.0.0.1'));
        },
        /** Conservation: the canister's ledger balance equals the booked liabilities exactly. */
        checkConservation() {
            const report = market.checkBooks(new Map([['ICP', ledger.balance('ICP', SELF)]]));
            expect(report.violations).toEqual([]);
            const t = market.books.token('ICP');
            expect(ledger.balance('ICP', SELF)).toBe(liabilities(t));
        },
        async runTimers() {
            for (let i = 0; i < 1000; i++) {
                const r = await market.runDue();
                if (r.processed === 0) break;
            }
            await market.retryInFlight(100);
        }
    };
    return h;
}

export function unwrap<T>(r: { Ok: T } | { Err: unknown }): T {
    if ('Err' in r) throw new Error(`expected Ok, got ${JSON.stringify(r.Err, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
    return r.Ok;
}

export function errKind(r: { Ok: unknown } | { Err: object }): string {
    return 'Err' in r ? Object.keys(r.Err)[0]! : 'Ok';
}
