// Data types of the IC core: canisters, call contexts, callbacks, queued messages.
import type { Principal } from '@dfinity/principal';

import type { RejectCode } from '../types.js';
import type { PreparedModule } from './module.js';
import type { WasmRuntime } from './runtime.js';
import { StableMemory } from './stable_memory.js';

export type Origin =
    | { kind: 'ingress'; requestId: string; sender: Principal }
    | { kind: 'canister'; canister: Principal; callbackId: number }
    /** System tasks (global timer) and install hooks: nobody waits for a response. */
    | { kind: 'system' };

export type Response =
    | { kind: 'reply'; data: Uint8Array }
    | { kind: 'reject'; code: RejectCode; message: string; errorCode: string };

export interface CallContext {
    id: number;
    origin: Origin;
    caller: Principal;
    methodName: string;
    /** Cycles attached by the caller and not yet accepted. */
    cyclesAvailable: bigint;
    responded: boolean;
    /** Callbacks registered (calls performed) and not yet completed. */
    outstanding: number;
    instructions: bigint;
    /** The callee's call contexts are deleted on reinstall/uninstall: responses are dropped. */
    deleted: boolean;
}

export interface Callback {
    callContext: CallContext;
    /** msg_deadline of the call (0 = guaranteed response); the callbacks see it too. */
    deadline?: bigint;
    replyFun: number;
    replyEnv: number;
    rejectFun: number;
    rejectEnv: number;
    cleanup: { fun: number; env: number } | null;
    cyclesAttached: bigint;
}

export interface OutgoingCall {
    callee: Principal;
    method: string;
    args: Uint8Array[];
    argsLength: number;
    cycles: bigint;
    /** Set by call_with_best_effort_response; null = guaranteed response. */
    timeoutSeconds: number | null;
    callback: Omit<Callback, 'callContext'> & { callContext: CallContext };
}

export type Message =
    | {
          kind: 'request';
          from: Principal;
          to: Principal;
          method: string;
          arg: Uint8Array;
          cycles: bigint;
          origin: Origin;
          /** Best-effort deadline in ns (msg_deadline); absent or 0 = guaranteed response. */
          deadline?: bigint;
      }
    | {
          kind: 'response';
          /** The canister that made the call. */
          to: Principal;
          from: Principal;
          callbackId: number;
          response: Response;
          refund: bigint;
      };

export interface LogEntry {
    /** Position in the canister's log since creation (fetch_canister_logs' `idx`). */
    idx: bigint;
    timeNs: bigint;
    message: string;
}

export type Visibility = { controllers: null } | { public: null } | { allowed_viewers: Principal[] };

/** Settings of the management canister's `canister_settings` record (defaults as on the IC). */
export interface CanisterSettings {
    computeAllocation: bigint;
    memoryAllocation: bigint;
    freezingThreshold: bigint;
    reservedCyclesLimit: bigint;
    logVisibility: Visibility;
    snapshotVisibility: Visibility;
    /** Who may call canister_status besides the controllers. */
    statusVisibility: Visibility;
    /** Cycles an inter-canister call must carry to be accepted (0: none). */
    minimumIncomingCanisterCallCycles: bigint;
    logMemoryLimit: bigint;
    wasmMemoryLimit: bigint;
    wasmMemoryThreshold: bigint;
    /** Sorted by name (the System API's `env_var_*` index order). */
    environmentVariables: { name: string; value: string }[];
}

export function defaultSettings(): CanisterSettings {
    return {
        computeAllocation: 0n,
        memoryAllocation: 0n,
        freezingThreshold: 2_592_000n,
        reservedCyclesLimit: 5_000_000_000_000n,
        logVisibility: { controllers: null },
        snapshotVisibility: { controllers: null },
        statusVisibility: { controllers: null },
        minimumIncomingCanisterCallCycles: 0n,
        logMemoryLimit: 4096n,
        wasmMemoryLimit: 3n * 1024n * 1024n * 1024n,
        wasmMemoryThreshold: 0n,
        environmentVariables: []
    };
}

export class Canister {
    controllers: Principal[];
    cycles: bigint;
    settings: CanisterSettings = defaultSettings();
    status: 'running' | 'stopping' | 'stopped' = 'running';
    version = 0n;
    module: PreparedModule | null = null;
    runtime: WasmRuntime | null = null;
    stable = new StableMemory();
    certifiedData: Uint8Array = new Uint8Array(0);
    /** Global timer deadline in ns; 0 = not armed. */
    timerDeadline = 0n;
    logs: LogEntry[] = [];
    nextLogIndex = 0n;
    callbacks = new Map<number, Callback>();
    nextCallbackId = 1;
    /** Open call contexts on this canister (not yet responded or with outstanding callbacks). */
    openContexts = new Set<CallContext>();
    /** stop_canister calls waiting for the canister to become stopped. */
    pendingStops: Origin[] = [];
    /** Wasm chunk store (upload_chunk / install_chunked_code): sha256 hex → chunk. */
    chunks = new Map<string, Uint8Array>();
    /** Changed since the last persistence save. */
    dirty = true;

    constructor(
        readonly id: Principal,
        controllers: Principal[],
        cycles: bigint
    ) {
        this.controllers = controllers;
        this.cycles = cycles;
    }

    isController(p: Principal): boolean {
        const t = p.toText();
        return this.controllers.some((c) => c.toText() === t);
    }

    get memorySize(): bigint {
        return BigInt((this.runtime?.heapSize ?? 0) + this.stable.size * 65536);
    }
}
