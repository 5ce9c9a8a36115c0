// One message execution: its inputs (arg data, caller, method, cycles, time) and its tentative
// effects (reply, outgoing calls, cycles, certified data, timer), which are applied only if the
// execution completes without a trap.
import type { Principal } from '@dfinity/principal';

import type { WasmRuntime } from './runtime.js';
import type { CallContext, Canister, OutgoingCall, Response } from './state.js';

export type ExecKind =
    | 'init'
    | 'pre_upgrade'
    | 'post_upgrade'
    | 'update'
    /** A query method executed in replicated mode (called as an update or by a canister). */
    | 'replicated_query'
    | 'query'
    | 'inspect'
    | 'reply'
    | 'reject'
    | 'cleanup'
    | 'timer';

export interface Execution {
    canister: Canister;
    /** The instance executing (during an upgrade the old and the new module both run). */
    runtime: WasmRuntime;
    kind: ExecKind;
    methodName: string;
    caller: Principal;
    arg: Uint8Array;
    reject: { code: number; message: string } | null;
    callContext: CallContext | null;
    timeNs: bigint;
    /** msg_deadline: 0 for ingress and guaranteed-response calls. */
    deadline: bigint;
    instructionLimit: bigint;
    /** Tentative balance. */
    cycles: bigint;
    /** Tentative cycles still available in the call context. */
    cyclesAvailable: bigint;
    cyclesRefunded: bigint;
    replyChunks: Uint8Array[];
    response: Response | null;
    pending: OutgoingCall | null;
    outgoing: OutgoingCall[];
    certifiedData: Uint8Array | null;
    timerDeadline: bigint | null;
    /** Data certificate: undefined until first asked for. */
    certificate: Uint8Array | null | undefined;
    accepted: boolean;
}

/** A trap: the execution's changes are rolled back. `description` is the IC's text. */
export class CanisterTrap extends Error {
    constructor(
        readonly errorCode: string,
        readonly description: string
    ) {
        super(description);
    }
}

export function newExecution(
    canister: Canister,
    kind: ExecKind,
    fields: Partial<Execution> & { runtime: WasmRuntime; caller: Principal; timeNs: bigint; instructionLimit: bigint }
): Execution {
    return {
        canister,
        kind,
        methodName: '',
        arg: new Uint8Array(0),
        reject: null,
        callContext: null,
        deadline: 0n,
        cycles: canister.cycles,
        cyclesAvailable: 0n,
        cyclesRefunded: 0n,
        replyChunks: [],
        response: null,
        pending: null,
        outgoing: [],
        certifiedData: null,
        timerDeadline: null,
        certificate: undefined,
        accepted: false,
        ...fields
    };
}

/** Maps anything thrown out of a Wasm export to the IC's trap. */
export function toTrap(e: unknown, limit: bigint): CanisterTrap {
    if (e instanceof CanisterTrap) return e;
    if (e instanceof WebAssembly.RuntimeError) {
        const m = e.message.toLowerCase();
        if (m.includes('unreachable')) return new CanisterTrap('IC0502', 'Canister trapped: unreachable');
        if (m.includes('out of bounds') && m.includes('memory'))
            return new CanisterTrap('IC0502', 'Canister trapped: heap out of bounds');
        if (m.includes('divide by zero') || m.includes('integer divide'))
            return new CanisterTrap('IC0502', 'Canister trapped: integer division by 0');
        if (m.includes('table') || m.includes('signature') || m.includes('null function'))
            return new CanisterTrap('IC0502', `Canister trapped: indirect call: ${e.message}`);
        return new CanisterTrap('IC0502', `Canister trapped: ${e.message}`);
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
        return new CanisterTrap('IC0502', 'Canister trapped: stack overflow');
    }
    if (e instanceof RangeError && /offset|length|bounds/i.test(e.message)) {
        return new CanisterTrap('IC0502', 'Canister trapped: heap out of bounds');
    }
    void limit;
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return new CanisterTrap('IC0502', `Canister trapped: host error: ${msg}`);
}

export function instructionLimitTrap(limit: bigint): CanisterTrap {
    return new CanisterTrap(
        'IC0522',
        `Canister exceeded the limit of ${limit} instructions for single message execution.`
    );
}
