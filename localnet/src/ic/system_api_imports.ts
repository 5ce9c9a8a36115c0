// The System API import list of the IC interface specification, with signatures. `I` is i32 for
// 32-bit modules and i64 for memory64 modules. A module importing anything else, or with another
// signature, is refused at install (IC0505), as the replica's validation does.
import type { WasmModuleInfo } from './wasm_binary.js';

type T = 'I' | 'i32' | 'i64';
const sig = (params: T[], results: T[] = []): { params: T[]; results: T[] } => ({ params, results });

const COPY: T[] = ['I', 'I', 'I'];
const SRC: T[] = ['I', 'I'];

export const SYSTEM_API = {
    msg_arg_data_size: sig([], ['I']),
    msg_arg_data_copy: sig(COPY),
    msg_caller_size: sig([], ['I']),
    msg_caller_copy: sig(COPY),
    msg_reject_code: sig([], ['i32']),
    msg_reject_msg_size: sig([], ['I']),
    msg_reject_msg_copy: sig(COPY),
    msg_deadline: sig([], ['i64']),
    msg_reply_data_append: sig(SRC),
    msg_reply: sig([]),
    msg_reject: sig(SRC),
    msg_cycles_available128: sig(['I']),
    msg_cycles_refunded128: sig(['I']),
    msg_cycles_accept128: sig(['i64', 'i64', 'I']),
    cycles_burn128: sig(['i64', 'i64', 'I']),
    canister_self_size: sig([], ['I']),
    canister_self_copy: sig(COPY),
    canister_cycle_balance128: sig(['I']),
    canister_liquid_cycle_balance128: sig(['I']),
    canister_status: sig([], ['i32']),
    canister_version: sig([], ['i64']),
    subnet_self_size: sig([], ['I']),
    subnet_self_copy: sig(COPY),
    msg_method_name_size: sig([], ['I']),
    msg_method_name_copy: sig(COPY),
    accept_message: sig([]),
    call_new: sig(['I', 'I', 'I', 'I', 'I', 'I', 'I', 'I']),
    call_on_cleanup: sig(['I', 'I']),
    call_data_append: sig(SRC),
    call_with_best_effort_response: sig(['i32']),
    call_cycles_add128: sig(['i64', 'i64']),
    call_perform: sig([], ['i32']),
    stable_size: sig([], ['i32']),
    stable_grow: sig(['i32'], ['i32']),
    stable_write: sig(['i32', 'i32', 'i32']),
    stable_read: sig(['i32', 'i32', 'i32']),
    stable64_size: sig([], ['i64']),
    stable64_grow: sig(['i64'], ['i64']),
    stable64_write: sig(['i64', 'i64', 'i64']),
    stable64_read: sig(['i64', 'i64', 'i64']),
    root_key_size: sig([], ['I']),
    root_key_copy: sig(COPY),
    certified_data_set: sig(SRC),
    data_certificate_present: sig([], ['i32']),
    data_certificate_size: sig([], ['I']),
    data_certificate_copy: sig(COPY),
    time: sig([], ['i64']),
    global_timer_set: sig(['i64'], ['i64']),
    performance_counter: sig(['i32'], ['i64']),
    is_controller: sig(SRC, ['i32']),
    in_replicated_execution: sig([], ['i32']),
    cost_call: sig(['i64', 'i64', 'I']),
    cost_create_canister: sig(['I']),
    cost_http_request: sig(['i64', 'i64', 'I']),
    cost_sign_with_ecdsa: sig(['I', 'I', 'i32', 'I'], ['i32']),
    cost_sign_with_schnorr: sig(['I', 'I', 'i32', 'I'], ['i32']),
    cost_vetkd_derive_key: sig(['I', 'I', 'i32', 'I'], ['i32']),
    env_var_count: sig([], ['I']),
    env_var_name_size: sig(['I'], ['I']),
    env_var_name_copy: sig(['I', 'I', 'I', 'I']),
    env_var_name_exists: sig(SRC, ['i32']),
    env_var_value_size: sig(SRC, ['I']),
    env_var_value_copy: sig(['I', 'I', 'I', 'I', 'I']),
    debug_print: sig(SRC),
    trap: sig(SRC),
    mint_cycles128: sig(['i64', 'i64', 'I'])
} as const;

export type SystemApiName = keyof typeof SYSTEM_API;

const VAL: Record<number, string> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };
const show = (ts: readonly string[]): string => `[${ts.join(', ')}]`;

/** Why the module's imports are not acceptable on the IC, or null. */
export function invalidImport(info: WasmModuleInfo): string | null {
    const width = info.memory64 ? 'i64' : 'i32';
    const resolve = (ts: readonly T[]): string[] => ts.map((t) => (t === 'I' ? width : t));
    for (const imp of info.functionImports) {
        const expected = imp.module === 'ic0' ? (SYSTEM_API as Record<string, { params: readonly T[]; results: readonly T[] }>)[imp.name] : undefined;
        if (expected === undefined) {
            return `Wasm module has an invalid import section. Module imports function '${imp.name}' from '${imp.module}' that is not exported by the runtime.`;
        }
        const type = info.types[imp.typeIndex];
        const params = (type?.params ?? []).map((v) => VAL[v] ?? `0x${v.toString(16)}`);
        const results = (type?.results ?? []).map((v) => VAL[v] ?? `0x${v.toString(16)}`);
        const want = { params: resolve(expected.params), results: resolve(expected.results) };
        if (show(params) !== show(want.params)) {
            return `Wasm module has an invalid function signature. Expected input params ${show(want.params)} for '${imp.name}', got ${show(params)}.`;
        }
        if (show(results) !== show(want.results)) {
            return `Wasm module has an invalid function signature. Expected return type ${show(want.results)} for '${imp.name}', got ${show(results)}.`;
        }
    }
    for (const imp of info.otherImports) {
        if (imp.kind === 3) return 'Wasm module has an invalid import section. Importing globals is not allowed.';
        if (imp.kind === 2 && !(imp.module === 'env' && imp.name === 'memory')) {
            return 'Wasm module has an invalid import section. Only memory imported from env.memory is allowed.';
        }
        if (imp.kind === 1 && !(imp.module === 'env' && imp.name === 'table')) {
            return 'Wasm module has an invalid import section. Only tables imported from env.table are allowed.';
        }
    }
    return null;
}
