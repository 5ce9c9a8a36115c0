// The management canister's read-only answers: `canister_status` (the current record, readable by
// controllers and whoever `status_visibility` admits) and the `fetch_canister_logs` query
// (controllers, or whoever `log_visibility` admits).
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

import { RejectCode } from '../types.js';
import { reject } from './errors.js';
import { canister_status_result, fetch_canister_logs_args, fetch_canister_logs_result } from './management_idl.js';
import { definiteSettings, visibleTo } from './settings.js';
import type { Canister, Response } from './state.js';

const reply = (types: IDL.Type[], values: unknown[]): Response => ({ kind: 'reply', data: new Uint8Array(IDL.encode(types, values)) });

export function canisterStatus(c: Canister): Response {
    const heap = BigInt(c.runtime?.heapSize ?? 0);
    const stable = BigInt(c.stable.size) * 65536n;
    let chunkBytes = 0n;
    for (const chunk of c.chunks.values()) chunkBytes += BigInt(chunk.length);
    let logBytes = 0n;
    for (const l of c.logs) logBytes += BigInt(Buffer.byteLength(l.message));
    return reply(
        [canister_status_result],
        [
            {
                status: { [c.status]: null },
                ready_for_migration: c.status === 'stopped' && c.openContexts.size === 0,
                version: c.version,
                settings: definiteSettings(c.settings, c.controllers),
                module_hash: c.module ? [c.module.hash] : [],
                memory_size: c.memorySize,
                memory_metrics: {
                    wasm_memory_size: heap,
                    stable_memory_size: stable,
                    global_memory_size: 0n,
                    wasm_binary_size: BigInt(c.module?.original.length ?? 0),
                    custom_sections_size: 0n,
                    canister_history_size: 0n,
                    wasm_chunk_store_size: chunkBytes,
                    snapshots_size: 0n,
                    log_memory_store_size: logBytes
                },
                cycles: c.cycles,
                reserved_cycles: 0n,
                idle_cycles_burned_per_day: 0n,
                query_stats: { num_calls_total: 0n, num_instructions_total: 0n, request_payload_bytes_total: 0n, response_payload_bytes_total: 0n }
            }
        ]
    );
}

/** May `caller` read the status of `c` (controllers, or `status_visibility`)? */
export function statusVisible(c: Canister, caller: Principal): boolean {
    return visibleTo(c.settings.statusVisibility, c.controllers, caller);
}

/** The `fetch_canister_logs` query (not callable as an update, nor by canisters, as on the IC). */
export function fetchCanisterLogs(canister: (id: Principal) => Canister | undefined, caller: Principal, arg: Uint8Array): Response {
    let id: Principal;
    try {
        [{ canister_id: id }] = IDL.decode([fetch_canister_logs_args], arg) as unknown as [{ canister_id: Principal }];
    } catch (e) {
        return reject(RejectCode.CanisterReject, 'IC0406', `Error decoding candid: ${(e as Error).message}`);
    }
    const c = canister(id);
    if (!c) return reject(RejectCode.DestinationInvalid, 'IC0301', `Canister ${id.toText()} not found`);
    if (!visibleTo(c.settings.logVisibility, c.controllers, caller)) {
        return reject(RejectCode.CanisterReject, 'IC0406', `Caller ${caller.toText()} is not allowed to query ic00 method fetch_canister_logs`);
    }
    const records = c.logs.map((l) => ({ idx: l.idx, timestamp_nanos: l.timeNs, content: new TextEncoder().encode(l.message) }));
    return reply([fetch_canister_logs_result], [{ canister_log_records: records }]);
}
