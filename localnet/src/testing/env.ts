// One small interface for canister test suites, implemented by localnet (always) and by PocketIC
// through @dfinity/pic (when POCKET_IC_BIN points at a PocketIC binary), so suites run on both.
import type { IDL } from '@dfinity/candid';
import type { Identity } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';

import type { LocalIcOptions } from '../ic/local_ic.js';
import { LocalPocketIc } from './pocket.js';

export interface TestActorControls {
    setPrincipal(principal: Principal): void;
    setIdentity(identity: Identity): void;
}
export type TestActor<T> = T & TestActorControls;

export interface EnvInstallOptions {
    canisterId: Principal;
    wasm: Uint8Array | string;
    arg?: Uint8Array;
    sender?: Principal;
}

export interface CanisterTestEnv {
    readonly kind: 'localnet' | 'pocketic';
    createCanister(options?: { controllers?: Principal[]; cycles?: bigint; sender?: Principal }): Promise<Principal>;
    installCode(options: EnvInstallOptions): Promise<void>;
    upgradeCanister(options: EnvInstallOptions): Promise<void>;
    reinstallCode(options: EnvInstallOptions): Promise<void>;
    setupCanister<T>(options: {
        idlFactory: IDL.InterfaceFactory;
        wasm: Uint8Array | string;
        arg?: Uint8Array;
        sender?: Principal;
        controllers?: Principal[];
        cycles?: bigint;
    }): Promise<{ canisterId: Principal; actor: TestActor<T> }>;
    createActor<T>(idlFactory: IDL.InterfaceFactory, canisterId: Principal): TestActor<T>;
    /** Milliseconds since the epoch. */
    getTime(): Promise<number>;
    setTime(time: Date | number): Promise<void>;
    advanceTime(ms: number): Promise<void>;
    tick(times?: number): Promise<void>;
    tearDown(): Promise<void>;
}

export async function createLocalnetEnv(options: LocalIcOptions = {}): Promise<CanisterTestEnv & { pic: LocalPocketIc }> {
    const pic = await LocalPocketIc.create(options);
    return {
        kind: 'localnet',
        pic,
        createCanister: (o) => pic.createCanister(o),
        installCode: (o) => pic.installCode(o),
        upgradeCanister: (o) => pic.upgradeCanister(o),
        reinstallCode: (o) => pic.reinstallCode(o),
        setupCanister: <T>(o: Parameters<CanisterTestEnv['setupCanister']>[0]) => pic.setupCanister<T>(o),
        createActor: <T>(f: IDL.InterfaceFactory, id: Principal) => pic.createActor<T>(f, id),
        getTime: () => pic.getTime(),
        setTime: (t) => pic.setTime(t),
        advanceTime: (ms) => pic.advanceTime(ms),
        tick: (n) => pic.tick(n),
        tearDown: () => pic.tearDown()
    };
}

// ---- PocketIC via @dfinity/pic (loaded lazily: optional dependency) ----

/* eslint-disable @typescript-eslint/no-explicit-any */
type PicModule = any;
let server: Promise<{ url: string; stop(): Promise<void> }> | null = null;

async function picModule(): Promise<PicModule> {
    const name = '@dfinity/pic';
    return import(/* @vite-ignore */ name);
}

async function picPrincipal(p: Principal): Promise<any> {
    const name = '@icp-sdk/core/principal';
    const mod = (await import(/* @vite-ignore */ name)) as { Principal: { fromText(t: string): unknown } };
    return mod.Principal.fromText(p.toText());
}

/** True when PocketIC tests can run here. */
export function pocketIcAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
    return typeof env.POCKET_IC_BIN === 'string' && env.POCKET_IC_BIN.length > 0;
}

export async function createPocketIcEnv(): Promise<CanisterTestEnv> {
    const pic = await picModule();
    server ??= (async () => {
        const s = await pic.PocketIcServer.start({ binPath: process.env.POCKET_IC_BIN });
        return { url: s.getUrl() as string, stop: () => s.stop() as Promise<void> };
    })();
    const instance = await pic.PocketIc.create((await server).url);
    const conv = async (p: Principal | undefined): Promise<any> => (p === undefined ? undefined : picPrincipal(p));
    const convAll = async (ps: Principal[] | undefined): Promise<any> => (ps === undefined ? undefined : Promise.all(ps.map(picPrincipal)));
    const install = async (o: EnvInstallOptions): Promise<any> => ({
        canisterId: await conv(o.canisterId),
        wasm: o.wasm,
        arg: o.arg,
        sender: await conv(o.sender)
    });
    const wrapActor = <T>(actor: any): TestActor<T> => {
        const setPrincipal = actor.setPrincipal.bind(actor) as (p: unknown) => void;
        actor.setPrincipal = (p: Principal): void => setPrincipal(Principal.fromText(p.toText()));
        return actor as TestActor<T>;
    };
    const toOurs = (p: { toText(): string }): Principal => Principal.fromText(p.toText());
    return {
        kind: 'pocketic',
        createCanister: async (o = {}) =>
            toOurs(await instance.createCanister({ ...o, controllers: await convAll(o.controllers), sender: await conv(o.sender) })),
        installCode: async (o) => instance.installCode(await install(o)),
        upgradeCanister: async (o) => instance.upgradeCanister(await install(o)),
        reinstallCode: async (o) => instance.reinstallCode(await install(o)),
        setupCanister: async <T>(o: Parameters<CanisterTestEnv['setupCanister']>[0]) => {
            const fixture = await instance.setupCanister({
                ...o,
                controllers: await convAll(o.controllers),
                sender: await conv(o.sender)
            });
            return { canisterId: toOurs(fixture.canisterId), actor: wrapActor<T>(fixture.actor) };
        },
        createActor: <T>(f: IDL.InterfaceFactory, id: Principal) => wrapActor<T>(instance.createActor(f, id)),
        getTime: () => instance.getTime(),
        setTime: (t) => instance.setTime(t),
        advanceTime: (ms) => instance.advanceTime(ms),
        tick: (n) => instance.tick(n),
        tearDown: () => instance.tearDown()
    };
}

/** Stops the shared PocketIC server (if one was started). */
export async function stopPocketIcServer(): Promise<void> {
    if (server) {
        const s = await server;
        server = null;
        await s.stop();
    }
}
