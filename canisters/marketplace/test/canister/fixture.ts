// The compiled marketplace and the local ICRC ledger (H5) in localnet. The marketplace's actor is
// typed from its own generated Candid (bindgen over the .did the build writes).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { generate } from '@icp-sdk/bindgen/core';
import { LocalPocketIc } from '../../../../localnet/src/testing/pocket.js';
import type { Actor } from '../../../../localnet/src/testing/actor.js';
import { buildAzleCanisterCached } from '../../../../localnet/src/testing/build.js';
import { deployLedger, type DeployedLedger, type LedgerActor } from '../../../ledger/testing/index.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
export const FEE = 10_000n;
export const NS = 1_000_000_000n;
export const HOUR_MS = 3_600_000;

export const controller = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
export const minter = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');
const user = (n: number): Principal => Principal.fromUint8Array(Uint8Array.of(0x6d, n));
export const provider = user(1);
export const tenant = user(2);
export const tenant2 = user(3);
export const relay = user(4);
export const stranger = user(5);
export const feeOwner = user(6);
export const anonymous = Principal.anonymous();

export type Market = Actor<any>;

let built: { wasm: Uint8Array; idlFactory: IDL.InterfaceFactory; init: (a: { IDL: typeof IDL }) => IDL.Type[] } | undefined;

/** Builds (cached) the marketplace and generates its IDL factory from the built .did. */
export async function marketplaceModule() {
    if (built !== undefined) return built;
    const b = buildAzleCanisterCached(ROOT, 'marketplace');
    const outDir = join(ROOT, 'node_modules', '.cache', 'marketplace-bindings', `${process.pid}`);
    mkdirSync(outDir, { recursive: true });
    await generate({ didFile: b.candid, outDir, output: { force: true, actor: { disabled: true }, declarations: { typescript: true, flat: true } } });
    const file = join(outDir, 'marketplace.did.ts');
    let src = '';
    for (const name of ['marketplace.did.ts', `${b.candid.split('/').pop()!.replace(/\.did$/, '')}.did.ts`]) {
        try {
            src = readFileSync(join(outDir, name), 'utf8');
            break;
        } catch {
            /* try the next name */
        }
    }
    src = src.split("'@icp-sdk/core/candid'").join("'@dfinity/candid'").split("'@icp-sdk/core/principal'").join("'@dfinity/principal'").split("'@icp-sdk/core/agent'").join("'@dfinity/agent'");
    writeFileSync(file, src);
    const mod = await import(file);
    built = { wasm: gzipSync(readFileSync(b.wasm)), idlFactory: mod.idlFactory, init: mod.init };
    return built;
}

export interface World {
    pic: LocalPocketIc;
    ledger: DeployedLedger;
    marketId: Principal;
    /** An actor of the marketplace calling as `p`. */
    as(p: Principal): Market;
    deferred(p: Principal): any;
    ledgerAs(p: Principal): LedgerActor;
    upgrade(): Promise<void>;
    nowNs(): bigint;
    setFault(method: 'icrc1_transfer' | 'icrc2_transfer_from', kind: 'TemporarilyUnavailable' | 'Trap' | 'ReplyLost' | { GenericError: { message: string; error_code: bigint } }, count?: number): Promise<void>;
    balance(p: Principal): Promise<bigint>;
}

/** `listingFee`: what a provider pays before its offerings enter search (0 here unless a test is about the fee). */
export async function world(opts: { feeBps?: number; listingFee?: bigint; balances?: [Principal, bigint][]; benchMode?: boolean; archive?: { trigger_threshold: bigint; num_blocks_to_archive: bigint } } = {}): Promise<World> {
    const m = await marketplaceModule();
    const pic = await LocalPocketIc.create();
    const ledger = await deployLedger(pic, {
        controller,
        init: {
            token_name: 'Internet Computer', token_symbol: 'ICP', decimals: 8, transfer_fee: FEE,
            minting_account: { owner: minter, subaccount: [] },
            initial_balances: (opts.balances ?? [[tenant, 100_000_000_000n], [tenant2, 100_000_000_000n]]).map(([p, a]) => [{ owner: p, subaccount: [] }, a]),
            min_burn_amount: [], allow_faults: [true], archive_options: opts.archive === undefined ? [] : [opts.archive]
        } as any
    });
    const marketId = await pic.createCanister({ controllers: [controller], sender: controller });
    const argTypes = m.init({ IDL });
    const arg = (): Uint8Array =>
        new Uint8Array(IDL.encode(argTypes, [[{
            tokens: [{ symbol: 'ICP', ledger: ledger.canisterId, decimals: 8, fee: FEE }],
            requestTimeoutSeconds: [], feeBps: opts.feeBps === undefined ? [] : [opts.feeBps], relays: [relay],
            feeAccount: [{ owner: feeOwner, subaccount: [] }], benchMode: opts.benchMode ? [true] : [], icpay: [],
            listingFee: [{ token: 'ICP', amount: opts.listingFee ?? 0n }]
        }]]));
    await pic.installCode({ canisterId: marketId, wasm: m.wasm, arg: arg(), sender: controller });
    const w: World = {
        pic,
        ledger,
        marketId,
        as(p) {
            const a = pic.createActor<any>(m.idlFactory, marketId);
            a.setPrincipal(p);
            return a;
        },
        deferred(p) {
            const a = pic.createDeferredActor<any>(m.idlFactory, marketId);
            a.setPrincipal(p);
            return a;
        },
        ledgerAs: (p) => ledger.as(p),
        upgrade: () => pic.upgradeCanister({ canisterId: marketId, wasm: m.wasm, arg: new Uint8Array(IDL.encode(argTypes, [[]])), sender: controller }),
        nowNs: () => pic.ic.clock.nowNs(),
        async setFault(method, kind, count = 1) {
            await ledger.as(controller).set_fault({ method: { [method]: null }, kind: typeof kind === 'string' ? { [kind]: null } : kind, count } as any);
        },
        balance: (p) => ledger.as(p).icrc1_balance_of({ owner: p, subaccount: [] }) as Promise<bigint>
    };
    return w;
}

export const profile = (p: Principal) => ({
    name: 'Acme Cloud', description: 'VPS in Berlin', website: 'https://acme.example', contacts: [{ kind: 'email', value: 'ops@acme.example' }],
    payout: { owner: p, subaccount: [] }
});

export const offering = (over: Record<string, unknown> = {}) => ({
    name: 'Small VPS', description: '2 vCPU', productType: { VPS: null }, cpuCores: 2, ramMb: 4096, storageGb: 80, bandwidthMbps: 1000,
    gpu: '', gpuCount: 0, region: 'eu', country: 'DE', city: 'Berlin', token: 'ICP', pricePerMonth: 72_000_000n, setupFee: 100_000n,
    minHours: 1, maxHours: 8760, stock: 10, uptimeTargetBps: 9990, firstResponseMinutes: 60, ...over
});

export function ok<T = any>(r: any): T {
    if (r === undefined || !('Ok' in r)) throw new Error(`expected Ok, got ${JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
    return r.Ok as T;
}
export const errKind = (r: any): string => ('Err' in r ? Object.keys(r.Err)[0]! : 'Ok');
export const statusOf = (c: any): string => Object.keys(c.status)[0]!;

/** Approves the marketplace to pull `amount` (+ fee) from `who`. */
export async function approve(w: World, who: Principal, amount: bigint): Promise<void> {
    const r: any = await w.ledgerAs(who).icrc2_approve({
        spender: { owner: w.marketId, subaccount: [] }, amount: amount + FEE, fee: [], memo: [], from_subaccount: [], created_at_time: [],
        expected_allowance: [], expires_at: []
    });
    if (!('Ok' in r)) throw new Error('approve failed');
}

/** Provider registered with one offering; returns its id. */
export async function setupProvider(w: World, over: Record<string, unknown> = {}): Promise<bigint> {
    const p = w.as(provider);
    const existing = await p.getProvider(provider);
    if (existing.length === 0) ok(await p.registerProvider(profile(provider)));
    return ok<any>(await p.createOffering(offering(over))).id;
}

/** A contract requested, paid by ICRC-2, accepted and provisioned. */
export async function provisioned(w: World, hours = 720, who = tenant, offeringId?: bigint): Promise<any> {
    const oid = offeringId ?? (await setupProvider(w));
    const t = w.as(who);
    const c = ok(await t.requestContract(oid, hours));
    await approve(w, who, c.quote[0].amount);
    ok(await t.fund(c.id));
    const p = w.as(provider);
    ok(await p.acceptContract(c.id));
    ok(await p.startProvisioning(c.id));
    return ok(await p.reportProvisioned(c.id, 'ssh root@10.0.0.7'));
}

/** Runs an update and tells whether inspect_message refused it (IC0406) before execution. */
export async function refused(call: Promise<unknown>): Promise<boolean> {
    try {
        await call;
        return false;
    } catch (e) {
        if ((e as { errorCode?: string }).errorCode === 'IC0406') return true;
        throw e;
    }
}
