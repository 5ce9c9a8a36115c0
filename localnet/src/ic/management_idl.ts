// Candid types of the management canister that changed since azle's IDL: the current
// `canister_settings` record (interface spec) and `canister_status`'s reply. Decoders skip fields
// they do not know and read missing `opt` fields as null, so older clients keep working.
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

export const log_visibility = IDL.Variant({ controllers: IDL.Null, public: IDL.Null, allowed_viewers: IDL.Vec(IDL.Principal) });
export const environment_variable = IDL.Record({ name: IDL.Text, value: IDL.Text });

export const canister_settings = IDL.Record({
    controllers: IDL.Opt(IDL.Vec(IDL.Principal)),
    compute_allocation: IDL.Opt(IDL.Nat),
    memory_allocation: IDL.Opt(IDL.Nat),
    freezing_threshold: IDL.Opt(IDL.Nat),
    reserved_cycles_limit: IDL.Opt(IDL.Nat),
    log_visibility: IDL.Opt(log_visibility),
    snapshot_visibility: IDL.Opt(log_visibility),
    status_visibility: IDL.Opt(log_visibility),
    minimum_incoming_canister_call_cycles: IDL.Opt(IDL.Nat),
    log_memory_limit: IDL.Opt(IDL.Nat),
    wasm_memory_limit: IDL.Opt(IDL.Nat),
    wasm_memory_threshold: IDL.Opt(IDL.Nat),
    environment_variables: IDL.Opt(IDL.Vec(environment_variable))
});

export const definite_canister_settings = IDL.Record({
    controllers: IDL.Vec(IDL.Principal),
    compute_allocation: IDL.Nat,
    memory_allocation: IDL.Nat,
    freezing_threshold: IDL.Nat,
    reserved_cycles_limit: IDL.Nat,
    log_visibility,
    snapshot_visibility: log_visibility,
    status_visibility: log_visibility,
    minimum_incoming_canister_call_cycles: IDL.Nat,
    log_memory_limit: IDL.Nat,
    wasm_memory_limit: IDL.Nat,
    wasm_memory_threshold: IDL.Nat,
    environment_variables: IDL.Vec(environment_variable)
});

export type LogVisibility = { controllers: null } | { public: null } | { allowed_viewers: Principal[] };

/** `canister_settings` as decoded: every field optional. */
export interface SettingsArg {
    controllers?: [] | [Principal[]];
    compute_allocation?: [] | [bigint];
    memory_allocation?: [] | [bigint];
    freezing_threshold?: [] | [bigint];
    reserved_cycles_limit?: [] | [bigint];
    log_visibility?: [] | [LogVisibility];
    snapshot_visibility?: [] | [LogVisibility];
    status_visibility?: [] | [LogVisibility];
    minimum_incoming_canister_call_cycles?: [] | [bigint];
    log_memory_limit?: [] | [bigint];
    wasm_memory_limit?: [] | [bigint];
    wasm_memory_threshold?: [] | [bigint];
    environment_variables?: [] | [{ name: string; value: string }[]];
}

export const update_settings_args = IDL.Record({
    canister_id: IDL.Principal,
    settings: canister_settings,
    sender_canister_version: IDL.Opt(IDL.Nat64)
});

export const create_canister_args = IDL.Record({
    settings: IDL.Opt(canister_settings),
    sender_canister_version: IDL.Opt(IDL.Nat64)
});

export const provisional_create_canister_with_cycles_args = IDL.Record({
    amount: IDL.Opt(IDL.Nat),
    settings: IDL.Opt(canister_settings),
    specified_id: IDL.Opt(IDL.Principal),
    sender_canister_version: IDL.Opt(IDL.Nat64)
});

export const canister_status_result = IDL.Record({
    status: IDL.Variant({ running: IDL.Null, stopping: IDL.Null, stopped: IDL.Null }),
    ready_for_migration: IDL.Bool,
    version: IDL.Nat64,
    settings: definite_canister_settings,
    module_hash: IDL.Opt(IDL.Vec(IDL.Nat8)),
    memory_size: IDL.Nat,
    memory_metrics: IDL.Record({
        wasm_memory_size: IDL.Nat,
        stable_memory_size: IDL.Nat,
        global_memory_size: IDL.Nat,
        wasm_binary_size: IDL.Nat,
        custom_sections_size: IDL.Nat,
        canister_history_size: IDL.Nat,
        wasm_chunk_store_size: IDL.Nat,
        snapshots_size: IDL.Nat,
        log_memory_store_size: IDL.Nat
    }),
    cycles: IDL.Nat,
    reserved_cycles: IDL.Nat,
    idle_cycles_burned_per_day: IDL.Nat,
    query_stats: IDL.Record({
        num_calls_total: IDL.Nat,
        num_instructions_total: IDL.Nat,
        request_payload_bytes_total: IDL.Nat,
        response_payload_bytes_total: IDL.Nat
    })
});

export const fetch_canister_logs_args = IDL.Record({ canister_id: IDL.Principal });
export const fetch_canister_logs_result = IDL.Record({
    canister_log_records: IDL.Vec(IDL.Record({ idx: IDL.Nat64, timestamp_nanos: IDL.Nat64, content: IDL.Vec(IDL.Nat8) }))
});
