// `canister_settings` checked as the IC checks them, then applied all at once (a bad field
// changes nothing).
import type { Principal } from '@dfinity/principal';

import { RejectCode } from '../types.js';
import { RejectError } from './errors.js';
import type { SettingsArg } from './management_idl.js';
import type { CanisterSettings, Visibility } from './state.js';
import { MAX_ENV_VAR_NAME_BYTES } from './system_api.js';

const MAX_CONTROLLERS = 10;
const MAX_ALLOWED_VIEWERS = 10;
const MAX_ENV_VARS = 20;
const MAX_ENV_VAR_VALUE_BYTES = 128;
const MAX_MEMORY = 1n << 48n;
/** The IC keeps at most 2 MiB of canister logs. */
const MAX_LOG_MEMORY = 2n * 1024n * 1024n;
const U64_MAX = (1n << 64n) - 1n;

function invalid(message: string): never {
    throw new RejectError(RejectCode.CanisterReject, 'IC0408', `Invalid settings: ${message}`);
}

function atMost(name: string, v: bigint | undefined, max: bigint): void {
    if (v !== undefined && v > max) invalid(`${name} must be at most ${max}, got ${v}`);
}

/** The settings after applying `arg` to `current`; throws (IC0408) without changing anything. */
export function mergeSettings(current: CanisterSettings, arg: SettingsArg): { settings: CanisterSettings; controllers: Principal[] | null } {
    const pick = <T>(o: [] | [T] | undefined): T | undefined => (o === undefined ? undefined : o[0]);
    const newControllers = pick(arg.controllers);
    if (newControllers && newControllers.length > MAX_CONTROLLERS) invalid(`a canister can have at most ${MAX_CONTROLLERS} controllers`);
    atMost('compute_allocation', pick(arg.compute_allocation), 100n);
    atMost('memory_allocation', pick(arg.memory_allocation), MAX_MEMORY);
    atMost('freezing_threshold', pick(arg.freezing_threshold), U64_MAX);
    atMost('reserved_cycles_limit', pick(arg.reserved_cycles_limit), (1n << 128n) - 1n);
    atMost('wasm_memory_limit', pick(arg.wasm_memory_limit), MAX_MEMORY);
    atMost('wasm_memory_threshold', pick(arg.wasm_memory_threshold), MAX_MEMORY);
    atMost('log_memory_limit', pick(arg.log_memory_limit), MAX_LOG_MEMORY);
    const visibility = pick(arg.log_visibility);
    const snapshots = pick(arg.snapshot_visibility);
    const status = pick(arg.status_visibility);
    atMost('minimum_incoming_canister_call_cycles', pick(arg.minimum_incoming_canister_call_cycles), (1n << 128n) - 1n);
    for (const v of [visibility, snapshots, status]) {
        if (v && 'allowed_viewers' in v && v.allowed_viewers.length > MAX_ALLOWED_VIEWERS) invalid(`at most ${MAX_ALLOWED_VIEWERS} allowed viewers`);
    }
    const env = pick(arg.environment_variables);
    if (env) checkEnvironment(env);
    const settings: CanisterSettings = {
        computeAllocation: pick(arg.compute_allocation) ?? current.computeAllocation,
        memoryAllocation: pick(arg.memory_allocation) ?? current.memoryAllocation,
        freezingThreshold: pick(arg.freezing_threshold) ?? current.freezingThreshold,
        reservedCyclesLimit: pick(arg.reserved_cycles_limit) ?? current.reservedCyclesLimit,
        logVisibility: visibility ?? current.logVisibility,
        snapshotVisibility: snapshots ?? current.snapshotVisibility,
        statusVisibility: status ?? current.statusVisibility,
        minimumIncomingCanisterCallCycles: pick(arg.minimum_incoming_canister_call_cycles) ?? current.minimumIncomingCanisterCallCycles,
        logMemoryLimit: pick(arg.log_memory_limit) ?? current.logMemoryLimit,
        wasmMemoryLimit: pick(arg.wasm_memory_limit) ?? current.wasmMemoryLimit,
        wasmMemoryThreshold: pick(arg.wasm_memory_threshold) ?? current.wasmMemoryThreshold,
        environmentVariables: env ? [...env].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : current.environmentVariables
    };
    return { settings, controllers: newControllers ?? null };
}

function checkEnvironment(env: { name: string; value: string }[]): void {
    if (env.length > MAX_ENV_VARS) invalid(`at most ${MAX_ENV_VARS} environment variables`);
    const names = new Set<string>();
    for (const { name, value } of env) {
        if (Buffer.byteLength(name) > MAX_ENV_VAR_NAME_BYTES) invalid(`environment variable name longer than ${MAX_ENV_VAR_NAME_BYTES} bytes`);
        if (Buffer.byteLength(value) > MAX_ENV_VAR_VALUE_BYTES) invalid(`environment variable ${name} has a value longer than ${MAX_ENV_VAR_VALUE_BYTES} bytes`);
        if (names.has(name)) invalid(`duplicate environment variable ${name}`);
        names.add(name);
    }
}

/** `definite_canister_settings` of the status reply. */
export function definiteSettings(s: CanisterSettings, controllers: unknown[]): Record<string, unknown> {
    return {
        controllers,
        compute_allocation: s.computeAllocation,
        memory_allocation: s.memoryAllocation,
        freezing_threshold: s.freezingThreshold,
        reserved_cycles_limit: s.reservedCyclesLimit,
        log_visibility: s.logVisibility,
        snapshot_visibility: s.snapshotVisibility,
        status_visibility: s.statusVisibility,
        minimum_incoming_canister_call_cycles: s.minimumIncomingCanisterCallCycles,
        log_memory_limit: s.logMemoryLimit,
        wasm_memory_limit: s.wasmMemoryLimit,
        wasm_memory_threshold: s.wasmMemoryThreshold,
        environment_variables: s.environmentVariables
    };
}

/** Whether `caller` may see what `v` guards (controllers always may). */
export function visibleTo(v: Visibility, controllers: Principal[], caller: Principal): boolean {
    if (controllers.some((c) => c.compareTo(caller) === 'eq')) return true;
    if ('public' in v) return true;
    return 'allowed_viewers' in v && v.allowed_viewers.some((p) => p.compareTo(caller) === 'eq');
}
