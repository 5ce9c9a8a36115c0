// The types of the pic-js shaped test API (pocket.ts), as pic-js keeps its types apart from the
// facade: options, settings and results, and the settings' Candid form.
import type { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

import type { LogVisibility, SettingsArg } from '../ic/management_idl.js';
import type { CallOutcome } from '../types.js';

export const DEFAULT_TEST_CYCLES = 1_000_000_000_000_000_000n;

/** pic-js `CanisterSettings`. */
export interface CanisterSettings {
    controllers?: Principal[];
    computeAllocation?: bigint;
    memoryAllocation?: bigint;
    freezingThreshold?: bigint;
    reservedCyclesLimit?: bigint;
    logVisibility?: LogVisibility;
    snapshotVisibility?: LogVisibility;
    statusVisibility?: LogVisibility;
    minimumIncomingCanisterCallCycles?: bigint;
    logMemoryLimit?: bigint;
    wasmMemoryLimit?: bigint;
    wasmMemoryThreshold?: bigint;
    environmentVariables?: { name: string; value: string }[];
}
export interface CreateCanisterOptions extends CanisterSettings {
    cycles?: bigint;
    sender?: Principal;
    targetCanisterId?: Principal;
}
export interface UpdateCanisterSettingsOptions extends CanisterSettings {
    canisterId: Principal;
    sender?: Principal;
}
/** pic-js `SubnetTopology` (localnet is one application subnet hosting every canister id). */
export interface SubnetTopology {
    id: Principal;
    type: 'Application';
    size: number;
    canisterRanges: { start: Principal; end: Principal }[];
}
export interface InstallCodeOptions {
    canisterId: Principal;
    wasm: Uint8Array | string;
    arg?: Uint8Array;
    sender?: Principal;
}
export interface UpgradeCanisterOptions extends InstallCodeOptions {
    upgradeModeOptions?: { skip_pre_upgrade?: [] | [boolean] };
}
export interface SetupCanisterOptions extends CreateCanisterOptions {
    idlFactory: IDL.InterfaceFactory;
    wasm: Uint8Array | string;
    arg?: Uint8Array;
}
export interface RawCallOptions {
    canisterId: Principal;
    method: string;
    arg?: Uint8Array;
    sender?: Principal;
}

/** A submitted update: run ticks, then `await handle.result()` (or `outcome()`). */
export interface CallHandle {
    readonly requestId: Uint8Array;
    /** Runs the IC until the call is done; resolves to the reply or throws CallRejectedError. */
    result(): Promise<Uint8Array>;
    outcome(): Promise<CallOutcome>;
    /** The outcome if the call is already done, without running anything. */
    peek(): CallOutcome | undefined;
}

export interface CanisterStatusResult {
    status: { running: null } | { stopping: null } | { stopped: null };
    settings: {
        controllers: Principal[];
        compute_allocation: bigint;
        memory_allocation: bigint;
        freezing_threshold: bigint;
        reserved_cycles_limit: bigint;
        log_visibility: LogVisibility;
        snapshot_visibility: LogVisibility;
        status_visibility: LogVisibility;
        minimum_incoming_canister_call_cycles: bigint;
        log_memory_limit: bigint;
        wasm_memory_limit: bigint;
        wasm_memory_threshold: bigint;
        environment_variables: { name: string; value: string }[];
    };
    ready_for_migration: boolean;
    version: bigint;
    module_hash: [] | [Uint8Array];
    memory_size: bigint;
    cycles: bigint;
    reserved_cycles: bigint;
    idle_cycles_burned_per_day: bigint;
    [more: string]: unknown;
}

const opt = <T>(v: T | undefined): [] | [T] => (v === undefined ? [] : [v]);

/** pic-js settings in the management canister's Candid form. */
export function settingsArg(s: CanisterSettings): Required<SettingsArg> {
    return {
        controllers: opt(s.controllers),
        compute_allocation: opt(s.computeAllocation),
        memory_allocation: opt(s.memoryAllocation),
        freezing_threshold: opt(s.freezingThreshold),
        reserved_cycles_limit: opt(s.reservedCyclesLimit),
        log_visibility: opt(s.logVisibility),
        snapshot_visibility: opt(s.snapshotVisibility),
        status_visibility: opt(s.statusVisibility),
        minimum_incoming_canister_call_cycles: opt(s.minimumIncomingCanisterCallCycles),
        log_memory_limit: opt(s.logMemoryLimit),
        wasm_memory_limit: opt(s.wasmMemoryLimit),
        wasm_memory_threshold: opt(s.wasmMemoryThreshold),
        environment_variables: opt(s.environmentVariables)
    };
}
