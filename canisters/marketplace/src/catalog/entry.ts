// The catalog's Candid methods: providers, offerings, search (and the bench seeding of offerings).
// Thin: convert the arguments, call the market, reply with a Result variant.
import { IDL, Principal, query, update } from 'azle';

import * as C from '../root/candid';
import { caller, controllerOnly, privileged, type EntryBase } from '../root/caller';
import { MANUAL, sig } from '../platform/reply';
import { market } from '../root/state';

const S = {
    registerProvider: sig([C.ProfileInputIdl], C.ResultProvider),
    updateProvider: sig([C.ProfileInputIdl], C.ResultProvider),
    createOffering: sig([C.OfferingInput], C.ResultOffering),
    updateOffering: sig([IDL.Nat64, C.OfferingInput], C.ResultOffering),
    setOfferingActive: sig([IDL.Nat64, IDL.Bool], C.ResultOffering),
    payListingFee: sig([], C.ResultProvider),
    setListingFee: sig([C.ListingFeeIdl], C.ResultConfig),
    benchSeedOfferings: sig([IDL.Nat32, IDL.Nat32, IDL.Nat32], C.ResultOf(IDL.Nat32))
};

/** What one getProviders call may ask for: a page of 100 offerings from 100 providers. */
export const PROVIDERS_PER_CALL = 100;

/** Query signatures (reply headers warmed at install and upgrade: a query's heap is discarded). */
const Q = {
    getProvider: sig([IDL.Principal], IDL.Opt(C.ProviderIdl)),
    listProviders: sig([IDL.Nat32, IDL.Nat32], C.ProviderPage),
    getProviders: sig([IDL.Vec(IDL.Principal)], C.ResultProviders),
    getOffering: sig([IDL.Nat64], IDL.Opt(C.OfferingIdl)),
    searchOfferings: sig([C.OfferingFilterIdl, IDL.Nat32, IDL.Nat32], C.OfferingPage)
};

export const CatalogEntry = <B extends EntryBase>(Base: B) =>
    class extends Base {
        @update(S.registerProvider.params, S.registerProvider.ret, MANUAL)
        registerProvider(): void {
            const [p] = S.registerProvider.args() as [any];
            return S.registerProvider.reply(C.resultOut(market().registerProvider(caller(), C.profileIn(p)), C.providerOut));
        }

        @update(S.updateProvider.params, S.updateProvider.ret, MANUAL)
        updateProvider(): void {
            const [p] = S.updateProvider.args() as [any];
            return S.updateProvider.reply(C.resultOut(market().updateProvider(caller(), C.profileIn(p)), C.providerOut));
        }

        @update(S.createOffering.params, S.createOffering.ret, MANUAL)
        createOffering(): void {
            const [spec] = S.createOffering.args() as [any];
            return S.createOffering.reply(C.resultOut(market().createOffering(caller(), C.specIn(spec)), C.offeringOut));
        }

        @update(S.updateOffering.params, S.updateOffering.ret, MANUAL)
        updateOffering(): void {
            const [id, spec] = S.updateOffering.args() as [bigint, any];
            return S.updateOffering.reply(C.resultOut(market().updateOffering(caller(), id, C.specIn(spec)), C.offeringOut));
        }

        @update(S.setOfferingActive.params, S.setOfferingActive.ret, MANUAL)
        setOfferingActive(): void {
            const [id, active] = S.setOfferingActive.args() as [bigint, boolean];
            return S.setOfferingActive.reply(C.resultOut(market().setOfferingActive(caller(), id, active), C.offeringOut));
        }

        /** The one-time listing fee (approve `fee + ledger fee` first): Ok is the provider, listed; its offerings are in search. */
        @update(S.payListingFee.params, S.payListingFee.ret, MANUAL)
        async payListingFee(): Promise<void> {
            const who = caller();
            return S.payListingFee.reply(C.resultOut(await market().payListingFee(who), (p) => C.providerOut(p, who)));
        }

        /** Controllers: the listing fee new providers pay (in a configured token; 0 lists them free). */
        @update(S.setListingFee.params, S.setListingFee.ret, MANUAL)
        setListingFee(): void {
            const [fee] = S.setListingFee.args() as [{ token: string; amount: bigint }];
            const denied = controllerOnly('setListingFee');
            if (denied !== null) return S.setListingFee.reply(denied);
            const m = market();
            if (!m.config().tokens.some((t) => t.symbol === fee.token)) return S.setListingFee.reply({ Err: { UnknownToken: { token: fee.token } } });
            return S.setListingFee.reply({ Ok: C.configOut(m.updateConfig((c) => ({ ...c, listingFee: { token: fee.token, amount: fee.amount } }))) });
        }

        @query(Q.getProvider.params, Q.getProvider.ret, MANUAL)
        getProvider(): void {
            const [p] = Q.getProvider.args() as [Principal];
            const v = market().provider(p.toText());
            return Q.getProvider.reply(v === undefined ? [] : [C.providerOut(v, caller(), privileged())]);
        }

        /**
         * The providers of a page (of offerings, contracts) in one call, in the order asked: a page
         * names its providers without listing every registered one. At most PROVIDERS_PER_CALL.
         */
        @query(Q.getProviders.params, Q.getProviders.ret, MANUAL)
        getProviders(): void {
            const [ps] = Q.getProviders.args() as [Principal[]];
            if (ps.length > PROVIDERS_PER_CALL) return Q.getProviders.reply({ Err: { InvalidInput: { field: 'providers', reason: `at most ${PROVIDERS_PER_CALL} a call, got ${ps.length}`, index: [] } } });
            const who = caller();
            const all = privileged();
            const m = market();
            const out = ps.map((p) => {
                const v = m.provider(p.toText());
                return v === undefined ? [] : [C.providerOut(v, who, all)];
            });
            return Q.getProviders.reply({ Ok: out });
        }

        @query(Q.listProviders.params, Q.listProviders.ret, MANUAL)
        listProviders(): void {
            const [offset, limit] = Q.listProviders.args() as [number, number];
            const who = caller();
            const all = privileged();
            return Q.listProviders.reply(C.pageOut(market().listProviders(offset, limit), (p) => C.providerOut(p, who, all)));
        }

        @query(Q.getOffering.params, Q.getOffering.ret, MANUAL)
        getOffering(): void {
            const [id] = Q.getOffering.args() as [bigint];
            const o = market().offering(id);
            return Q.getOffering.reply(o === undefined ? [] : [C.offeringOut(o)]);
        }

        @query(Q.searchOfferings.params, Q.searchOfferings.ret, MANUAL)
        searchOfferings(): void {
            const [filter, offset, limit] = Q.searchOfferings.args() as [any, number, number];
            return Q.searchOfferings.reply(C.pageOut(market().searchOfferings(C.filterIn(filter), offset, limit), C.offeringOut));
        }

        /**
         * Local benchmarks only: registers providers number `first` .. `first + providers − 1`
         * (synthetic principals) with `perProvider` offerings each, through the ordinary methods.
         */
        @update(S.benchSeedOfferings.params, S.benchSeedOfferings.ret, MANUAL)
        benchSeedOfferings(): void {
            const [first, providers, perProvider] = S.benchSeedOfferings.args() as [number, number, number];
            const denied = controllerOnly('benchSeedOfferings');
            if (denied !== null) return S.benchSeedOfferings.reply(denied);
            const m = market();
            if (!m.config().benchMode) return S.benchSeedOfferings.reply({ Err: { InvalidState: { status: 'bench mode off', operation: 'benchSeedOfferings' } } });
            let made = 0;
            for (let i = first; i < first + providers; i++) {
                const p = benchPrincipal(i);
                const r = m.registerProvider(p, { name: `Bench ${i}`, description: '', website: '', contacts: [], payout: { owner: p, subaccount: null } });
                if ('Err' in r) return S.benchSeedOfferings.reply(r);
                for (let k = 0; k < perProvider; k++) {
                    // The trust module's offering hook is skipped: its price index costs grow with the
                    // catalog (issue 11), and seeding 5,000 offerings through it exceeds the message limit.
                    const o = m.createOffering(p, benchSpec(i, k), false);
                    if ('Err' in o) return S.benchSeedOfferings.reply(o);
                    made++;
                }
            }
            return S.benchSeedOfferings.reply({ Ok: made });
        }
    };

const benchPrincipal = (i: number): string => Principal.fromUint8Array(Uint8Array.of(0x5b, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff)).toText();

/** Offerings spread over types, regions and specs, as a real catalog is. */
function benchSpec(i: number, k: number) {
    const types = ['VPS', 'Dedicated', 'GPU', 'Other'] as const;
    const regions = ['eu', 'us', 'asia', 'sa', 'africa', 'oceania'];
    const n = i * 31 + k;
    return {
        name: `Bench ${i}.${k}`, description: 'synthetic', productType: types[n % 4]!, cpuCores: 1 + (n % 32), ramMb: 1024 * (1 + (n % 64)),
        storageGb: 20 + (n % 500), bandwidthMbps: 100 * (1 + (n % 10)), gpu: '', gpuCount: n % 4 === 2 ? 1 : 0, region: regions[n % 6]!,
        country: 'XX', city: 'Bench', token: market().config().tokens[0]!.symbol, pricePerMonth: BigInt(1_000_000 + (n % 997) * 100_000), setupFee: 0n,
        minHours: 1, maxHours: 8760, stock: 1_000_000, uptimeTargetBps: 9900, firstResponseMinutes: 60
    };
}
