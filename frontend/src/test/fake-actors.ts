// Fake canister actors for route tests: only the methods the pages call, shaped like the Candid.
import { Principal } from '@dfinity/principal';
import { setEnv } from '@/config/env';

export const BOB = Principal.fromText('bd3sg-teaaa-aaaaa-qaaba-cai');
export const CAROL = Principal.fromText('bkyz2-fmaaa-aaaaa-qaaaq-cai');

export function testEnv(): void {
    setEnv({
        network: 'local',
        icHost: 'http://127.0.0.1:1',
        marketplaceCanisterId: 'bd3sg-teaaa-aaaaa-qaaba-cai',
        ledgerCanisterId: 'bkyz2-fmaaa-aaaaa-qaaaq-cai',
        identityProviderUrl: 'http://127.0.0.1:1/identity',
        derivationOrigin: undefined,
        relayUrl: undefined,
        icpayPublishableKey: undefined,
        icpayApiUrl: undefined,
        chatwootBaseUrl: undefined,
        chatwootWebsiteToken: undefined,
        sessionKeyType: 'ECDSA',
        devTools: false
    });
}

export function offering(id: bigint, provider: Principal, over: Record<string, unknown> = {}) {
    return {
        id,
        provider,
        name: `Offering ${id}`,
        description: 'A server',
        productType: { VPS: null },
        cpuCores: 2,
        ramMb: 4096,
        storageGb: 80,
        bandwidthMbps: 1000,
        gpu: '',
        gpuCount: 0,
        region: 'Europe',
        country: 'Germany',
        city: 'Frankfurt',
        token: 'TCY',
        pricePerMonth: 1_200_000_000n,
        setupFee: 0n,
        minHours: 1,
        maxHours: 2160,
        stock: 10,
        inUse: 0,
        active: true,
        uptimeTargetBps: 9990,
        firstResponseMinutes: 240,
        createdAt: 0n,
        updatedAt: 0n,
        ...over
    };
}

const PROVIDERS = [
    { id: BOB, name: 'Nimbus Hosting' },
    { id: CAROL, name: 'Budget Boxes' }
];

export function fakeActors(offerings: ReturnType<typeof offering>[], cards: { provider: Principal; score: number; critical: boolean; flags: string[] }[]) {
    return {
        agent: {},
        ledger: {
            icrc1_symbol: async () => 'TCY',
            icrc1_decimals: async () => 8,
            icrc1_fee: async () => 10_000n
        },
        marketplace: {
            searchOfferings: async () => ({ items: offerings, total: offerings.length, next: [] }),
            getProviders: async (ps: Principal[]) => ({ Ok: ps.map((p) => PROVIDERS.filter((x) => x.id.toText() === p.toText())) }),
            trustCards: async () => cards.map((c) => ({ ...c, tenure: 'new', warnBeforeCheckout: c.critical || c.score < 50, silentSince: [], uptime30d: [] }))
        }
    };
}
