// What the IC core's collaborators receive from it. `LocalIcImpl` owns the state (canisters,
// queue, call contexts, ingress history); delivery, install and the management canister get only
// these narrow views, so none of them imports the core or reaches into its members.
import type { Principal } from '@dfinity/principal';

import type { Clock, INSTRUCTION_LIMITS } from '../types.js';
import type { CanisterTrap, ExecKind, Execution } from './execution.js';
import type { BuiltinCanister } from './system/builtin.js';
import type { PreparedModule } from './module.js';
import type { WasmRuntime } from './runtime.js';
import type { CallContext, Canister, Message, Origin, Response } from './state.js';

export type Limits = Record<keyof typeof INSTRUCTION_LIMITS, bigint>;

/** Running one message on a canister: snapshots, traps, rollback. */
export interface ExecutionHost {
    readonly clock: Clock;
    readonly limits: Limits;
    newCallContext(origin: Origin, caller: Principal, methodName: string, cycles: bigint): CallContext;
    /** Runs without snapshot handling; returns the trap, if any. */
    invoke(e: Execution, run: () => void): CanisterTrap | null;
    /** Runs with a snapshot: commits on success unless `discard`, rolls back on a trap. */
    execute(e: Execution, run: () => void, discard?: boolean): { trap: CanisterTrap | null; instructions: bigint };
}

/** Answering calls and moving messages. */
export interface Router {
    route(origin: Origin, from: Principal, response: Response, refund: bigint, instructions: bigint): void;
    respond(c: Canister | null, ctx: CallContext, response: Response): void;
    closeIfDone(c: Canister, ctx: CallContext, trap: CanisterTrap | null): void;
    applyEffects(e: Execution): void;
    trapResponse(c: Canister, trap: CanisterTrap): Response;
}

/** Message delivery (delivery.ts). */
export interface DeliveryHost extends ExecutionHost, Router {
    canister(id: Principal): Canister | undefined;
    /** Why a canister cannot take a message now, or null. */
    unavailable(to: Principal, c: Canister | undefined): Response | null;
    methodExport(c: Canister, method: string): { name: string; kind: ExecKind } | null;
    /** A system canister localnet implements in the host (system/builtin.ts), if `id` is one. */
    builtin(id: Principal): BuiltinCanister | undefined;
}

/** install_code (install.ts). */
export interface InstallHost extends ExecutionHost {
    prepare(wasm: Uint8Array, canisterId: Principal): PreparedModule;
    newRuntime(c: Canister, prepared: PreparedModule): WasmRuntime;
    dropCallContexts(c: Canister, why: string): void;
}

/** The management canister (management.ts). */
export interface ManagementHost {
    canister(id: Principal): Canister | undefined;
    route(origin: Origin, from: Principal, response: Response, refund: bigint, instructions: bigint): void;
    createCanisterNow(controllers: Principal[], cycles: bigint, specifiedId?: Principal): Canister;
    deleteCanisterNow(c: Canister): void;
    /** install_code; returns the instructions used (throws RejectError). */
    installCode(c: Canister, sender: Principal, mode: 'install' | 'reinstall' | 'upgrade', wasm: Uint8Array, arg: Uint8Array, skipPreUpgrade?: boolean): bigint;
    uninstallCode(c: Canister): void;
    checkStopped(c: Canister): void;
    nextRandom(): Uint8Array;
}

export type Request = Extract<Message, { kind: 'request' }>;
