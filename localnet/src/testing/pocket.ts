// A pic-js (`PocketIc`) shaped API over the in-process IC, for canister tests: the facade (its
// types are in pocket_types.ts).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import {
    canister_status_args,
    install_code_args,
    provisional_create_canister_with_cycles_result,
    provisional_top_up_canister_args,
    start_canister_args,
    stop_canister_args
} from 'azle/canisters/management/idl';

import { deriveDevKeys } from '../crypto/root_key.js';
import { LocalIcImpl, type LocalIcOptions } from '../ic/local_ic.js';
import {
    canister_status_result,
    provisional_create_canister_with_cycles_args,
    update_settings_args
} from '../ic/management_idl.js';
import { topology } from '../ic/topology.js';
import { loadState, saveState } from '../ic/persistence.js';
import type { CallOutcome } from '../types.js';
import { DEFAULT_TEST_CYCLES, settingsArg, type CallHandle, type CanisterSettings, type CanisterStatusResult, type CreateCanisterOptions, type InstallCodeOptions, type RawCallOptions, type SetupCanisterOptions, type SubnetTopology, type UpdateCanisterSettingsOptions, type UpgradeCanisterOptions } from './pocket_types.js';
import { createActor, createDeferredActor, unwrap, type Actor, type CallTransport, type DeferredActor } from './actor.js';

export * from './pocket_types.js';

const EMPTY_ARGS = new Uint8Array(IDL.encode([], []));
const MGMT = Principal.managementCanister();

function loadWasm(wasm: Uint8Array | string): Uint8Array {
    return typeof wasm === 'string' ? new Uint8Array(readFileSync(wasm)) : wasm;
}

export class LocalPocketIc {
    /** Instructions of the last finished call made through this API (update, query, install). */
    lastInstructions = 0n;
    private readonly transport: CallTransport;

    constructor(readonly ic: LocalIcImpl) {
        this.transport = {
            query: (canisterId, method, arg, sender) => this.record(this.ic.query({ canisterId, methodName: method, arg, sender })),
            submit: (canisterId, method, arg, sender) => {
                const h = this.submitCallSync({ canisterId, method, arg, sender });
                return () => this.record(this.ic.awaitIngress(h));
            }
        };
    }

    static async create(options: LocalIcOptions = {}): Promise<LocalPocketIc> {
        return new LocalPocketIc(new LocalIcImpl(options));
    }

    /** Restores an IC saved with `saveState` (see ic/persistence.ts). */
    static async loadState(dir: string, options: LocalIcOptions = {}): Promise<LocalPocketIc> {
        return new LocalPocketIc(loadState(dir, options));
    }

    async saveState(dir: string): Promise<void> {
        saveState(this.ic, dir);
    }

    async tearDown(): Promise<void> {
        // nothing to release: everything lives in this process
    }

    private record(o: CallOutcome): CallOutcome {
        this.lastInstructions = o.instructions;
        return o;
    }

    // ---- raw calls ----

    private submitCallSync({ canisterId, method, arg = EMPTY_ARGS, sender = Principal.anonymous() }: RawCallOptions): Uint8Array {
        const requestId = randomBytes(32);
        this.ic.submitIngress({ canisterId, methodName: method, arg, sender }, requestId);
        return requestId;
    }

    /** Submits an update now; execute it with `tick()` or by awaiting `result()`. */
    submitCall(options: RawCallOptions): CallHandle {
        const requestId = this.submitCallSync(options);
        return {
            requestId,
            outcome: async () => this.record(this.ic.awaitIngress(requestId)),
            result: async () => unwrap(this.record(this.ic.awaitIngress(requestId))),
            peek: () => this.ic.ingressOutcome(requestId)
        };
    }

    /** An update call; resolves to the reply, throws CallRejectedError. */
    async updateCall(options: RawCallOptions): Promise<Uint8Array> {
        return unwrap(await this.updateCallRaw(options));
    }

    async updateCallRaw(options: RawCallOptions): Promise<CallOutcome> {
        return this.record(this.ic.awaitIngress(this.submitCallSync(options)));
    }

    async queryCall(options: RawCallOptions): Promise<Uint8Array> {
        return unwrap(await this.queryCallRaw(options));
    }

    async queryCallRaw({ canisterId, method, arg = EMPTY_ARGS, sender = Principal.anonymous() }: RawCallOptions): Promise<CallOutcome> {
        return this.record(this.ic.query({ canisterId, methodName: method, arg, sender }));
    }

    private management(method: string, types: IDL.Type[], values: unknown[], sender: Principal): Uint8Array {
        const arg = new Uint8Array(IDL.encode(types, values));
        const outcome = this.ic.awaitIngress(this.submitCallSync({ canisterId: MGMT, method, arg, sender }));
        if (method === 'install_code') this.lastInstructions = outcome.instructions;
        return unwrap(outcome);
    }

    // ---- canisters ----

    async createCanister({
        cycles = DEFAULT_TEST_CYCLES,
        sender = Principal.anonymous(),
        targetCanisterId,
        ...given
    }: CreateCanisterOptions = {}): Promise<Principal> {
        const settings = Object.values(given).some((v) => v !== undefined) ? [settingsArg(given)] : [];
        const reply = this.management(
            'provisional_create_canister_with_cycles',
            [provisional_create_canister_with_cycles_args],
            [{ settings, specified_id: targetCanisterId ? [targetCanisterId] : [], amount: [cycles], sender_canister_version: [] }],
            sender
        );
        const [result] = IDL.decode([provisional_create_canister_with_cycles_result], reply) as unknown as [{ canister_id: Principal }];
        return result.canister_id;
    }

    private install(mode: unknown, { canisterId, wasm, arg = EMPTY_ARGS, sender = Principal.anonymous() }: InstallCodeOptions): void {
        this.management(
            'install_code',
            [install_code_args],
            [{ arg, wasm_module: loadWasm(wasm), mode, canister_id: canisterId, sender_canister_version: [] }],
            sender
        );
    }

    async installCode(options: InstallCodeOptions): Promise<void> {
        this.install({ install: null }, options);
    }

    async reinstallCode(options: InstallCodeOptions): Promise<void> {
        this.install({ reinstall: null }, options);
    }

    async upgradeCanister(options: UpgradeCanisterOptions): Promise<void> {
        const skip = options.upgradeModeOptions?.skip_pre_upgrade ?? [];
        this.install({ upgrade: [{ skip_pre_upgrade: skip, wasm_memory_persistence: [] }] }, options);
    }

    async setupCanister<T>(options: SetupCanisterOptions): Promise<{ canisterId: Principal; actor: Actor<T> }> {
        const canisterId = await this.createCanister(options);
        await this.installCode({ canisterId, wasm: options.wasm, arg: options.arg, sender: options.sender });
        return { canisterId, actor: this.createActor<T>(options.idlFactory, canisterId) };
    }

    createActor<T>(idlFactory: IDL.InterfaceFactory, canisterId: Principal): Actor<T> {
        return createActor<T>(idlFactory, canisterId, this.transport);
    }

    /** Methods submit at once and return a function that awaits the result (pic-js shape). */
    createDeferredActor<T>(idlFactory: IDL.InterfaceFactory, canisterId: Principal): DeferredActor<T> {
        return createDeferredActor<T>(idlFactory, canisterId, this.transport);
    }

    async stopCanister({ canisterId, sender = Principal.anonymous() }: { canisterId: Principal; sender?: Principal }): Promise<void> {
        this.management('stop_canister', [stop_canister_args], [{ canister_id: canisterId }], sender);
    }

    async startCanister({ canisterId, sender = Principal.anonymous() }: { canisterId: Principal; sender?: Principal }): Promise<void> {
        this.management('start_canister', [start_canister_args], [{ canister_id: canisterId }], sender);
    }

    async updateCanisterSettings({ canisterId, sender = Principal.anonymous(), ...settings }: UpdateCanisterSettingsOptions): Promise<void> {
        this.management(
            'update_settings',
            [update_settings_args],
            [{ canister_id: canisterId, settings: settingsArg(settings), sender_canister_version: [] }],
            sender
        );
    }

    /** The management canister's `canister_status` reply (current record, as pic-js decodes it). */
    async canisterStatus({ canisterId, sender = Principal.anonymous() }: { canisterId: Principal; sender?: Principal }): Promise<CanisterStatusResult> {
        const reply = this.management('canister_status', [canister_status_args], [{ canister_id: canisterId }], sender);
        return IDL.decode([canister_status_result], reply)[0] as unknown as CanisterStatusResult;
    }

    // ---- topology (pic-js names) ----

    /** The one subnet: every canister id is in its range (as localnet's state tree says). */
    async getTopology(): Promise<SubnetTopology[]> {
        const t = topology(deriveDevKeys().subnetId);
        return [{ id: t.subnetId, type: t.kind, size: t.size, canisterRanges: t.ranges }];
    }

    async getDefaultEffectiveCanisterId(): Promise<Principal> {
        return topology(deriveDevKeys().subnetId).defaultEffectiveCanisterId;
    }

    async getCanisterSubnetId(canisterId: Principal): Promise<Principal | null> {
        return this.ic.canisterInfo(canisterId) ? deriveDevKeys().subnetId : null;
    }

    /** The subnet's public key (raw 96-byte BLS key, as PocketIC returns it). */
    async getPubKey(subnetId: Principal): Promise<Uint8Array> {
        const keys = deriveDevKeys();
        if (subnetId.toText() !== keys.subnetId.toText()) throw new Error(`subnet ${subnetId.toText()} not found`);
        return keys.rootPublicKey;
    }

    async getControllers(canisterId: Principal): Promise<Principal[]> {
        return this.info(canisterId).controllers;
    }

    async getCyclesBalance(canisterId: Principal): Promise<bigint> {
        return this.info(canisterId).cycles;
    }

    async addCycles(canisterId: Principal, amount: bigint): Promise<bigint> {
        this.management(
            'provisional_top_up_canister',
            [provisional_top_up_canister_args],
            [{ canister_id: canisterId, amount }],
            Principal.anonymous()
        );
        return this.info(canisterId).cycles;
    }

    private info(canisterId: Principal) {
        const info = this.ic.canisterInfo(canisterId);
        if (!info) throw new Error(`canister ${canisterId.toText()} not found`);
        return info;
    }

    /** Debug prints of a canister. */
    logs(canisterId: Principal): { idx: bigint; timeNs: bigint; message: string }[] {
        return this.ic.logs(canisterId);
    }

    // ---- time and rounds ----

    /** Milliseconds since the epoch (like pic-js). */
    async getTime(): Promise<number> {
        return Number(this.ic.clock.nowNs() / 1_000_000n);
    }

    async setTime(time: Date | number): Promise<void> {
        const ms = typeof time === 'number' ? time : time.getTime();
        this.ic.setTimeNs(BigInt(Math.round(ms)) * 1_000_000n);
    }

    async advanceTime(ms: number): Promise<void> {
        this.ic.advanceTimeMs(ms);
    }

    // Queries and certificates always see the current time here (no certification lag), so the
    // certified variants are the same moves.
    async setCertifiedTime(time: Date | number): Promise<void> {
        await this.setTime(time);
    }

    async advanceCertifiedTime(ms: number): Promise<void> {
        await this.advanceTime(ms);
    }

    /** Sets the time to the wall clock (never backwards). */
    async resetTime(): Promise<void> {
        const now = BigInt(Date.now()) * 1_000_000n;
        if (now > this.ic.clock.nowNs()) this.ic.setTimeNs(now);
    }

    async resetCertifiedTime(): Promise<void> {
        await this.resetTime();
    }

    /** Executes `times` rounds (due timers, then queued messages). */
    async tick(times = 1): Promise<void> {
        for (let i = 0; i < times; i++) this.ic.tick();
    }

    async runUntilIdle(maxRounds?: number): Promise<void> {
        this.ic.runUntilIdle(maxRounds);
    }
}
