// Running one message on a canister: the module's runtime with its system API, the current
// execution, snapshots, traps and rollback, execution fees. The engine half of the IC core
// (local_ic.ts is the facade, router.ts moves messages between call contexts).
import type { Principal } from '@dfinity/principal';

import { INSTRUCTION_LIMITS, RejectCode, type Certifier } from '../types.js';
import { deriveDevKeys, type DevKeys } from '../crypto/root_key.js';
import { instrumentForMetering } from '../wasm/instrument.js';
import { RejectError } from './errors.js';
import { CanisterTrap, instructionLimitTrap, toTrap, type Execution } from './execution.js';
import { executionFee, type CostSchedule } from './fees.js';
import type { Limits } from './host.js';
import type { LocalIcOptions } from './local_ic_options.js';
import { InvalidWasmError, prepareModule, type Instrumenter, type PreparedModule } from './module.js';
import { WasmRuntime } from './runtime.js';
import type { Canister } from './state.js';
import { makeSystemApi } from './system_api.js';

const MAX_LOG_ENTRIES = 10_000;

let keys: DevKeys | null = null;
/** Root key and subnet when no certifier says (tests): the development keys. */
function devKeys(): DevKeys {
    return (keys ??= deriveDevKeys());
}

let defaultInstrumenter: Instrumenter | null = instrumentForMetering;
/** Registers the metering instrumenter used when no `instrumenter` option is given. */
export function setDefaultInstrumenter(i: Instrumenter | null): void {
    defaultInstrumenter = i;
}

export class ExecutionEngine {
    private current: Execution | null = null;
    certifier: Certifier | null;
    readonly instrumenter: Instrumenter | null;
    private readonly debugToStdout: boolean;
    /** Time spent inside canister code (Wasm exports, including system API calls), for benchmarks. */
    readonly stats = { wasmMs: 0, executions: 0 };
    /** Told of every committed or discarded message execution (benchmarks count a timer's messages). */
    private readonly observers = new Set<ExecutionObserver>();
    readonly limits: Limits;
    readonly costSchedule: CostSchedule;

    constructor(options: LocalIcOptions) {
        const metering = options.metering ?? true;
        this.instrumenter = metering ? (options.instrumenter === undefined ? defaultInstrumenter : options.instrumenter) : null;
        this.certifier = options.certifier ?? null;
        this.debugToStdout = options.debugPrintToStdout ?? process.env.LOCALNET_DEBUG_PRINT === '1';
        this.limits = { ...INSTRUCTION_LIMITS, ...options.instructionLimits };
        this.costSchedule = options.costSchedule ?? 'free';
    }

    /** The subnet's id: the certifier's, or the development keys'. */
    subnetId(): Principal {
        return this.certifier?.subnetId ?? devKeys().subnetId;
    }

    /** After a host failure outside canister code: no execution is running any more. */
    clearCurrent(): void {
        this.current = null;
    }

    newRuntime(c: Canister, prepared: PreparedModule): WasmRuntime {
        const imports = makeSystemApi({
            canister: c,
            current: () => {
                const e = this.current;
                if (e === null || e.canister !== c) throw new Error('system API called outside an execution');
                return e;
            },
            dataCertificate: (e) =>
                this.certifier ? this.certifier.dataCertificate(c.id, c.certifiedData, e.timeNs) : null,
            rootKey: () => (this.certifier?.rootKeyDer ?? devKeys().rootKeyDer),
            subnetId: () => (this.certifier?.subnetId ?? devKeys().subnetId).toUint8Array(),
            wasm64: prepared.wasm64,
            debugPrint: (e, message) => this.log(c, e.timeNs, message)
        });
        imports.__localnet = {
            out_of_instructions: (): never => {
                throw instructionLimitTrap(this.current?.instructionLimit ?? 0n);
            }
        };
        try {
            return new WasmRuntime(prepared, imports);
        } catch (e) {
            if (e instanceof WebAssembly.LinkError || e instanceof WebAssembly.CompileError || e instanceof WebAssembly.RuntimeError) {
                throw new RejectError(
                    RejectCode.CanisterError,
                    'IC0505',
                    `Error from Canister ${c.id.toText()}: Canister's Wasm module is not valid: it could not be instantiated: ${e.message}`
                );
            }
            throw e;
        }
    }

    /** Appends to the canister's log (kept when the message traps, as on the IC). */
    private log(c: Canister, timeNs: bigint, message: string): void {
        c.logs.push({ idx: c.nextLogIndex++, timeNs, message });
        if (c.logs.length > MAX_LOG_ENTRIES) c.logs.splice(0, c.logs.length - MAX_LOG_ENTRIES);
        if (this.debugToStdout) process.stdout.write(`[${c.id.toText()}] ${message}\n`);
    }

    /** Prepares (compiles, instruments) a module; throws a RejectError for invalid Wasm. */
    prepare(wasm: Uint8Array, canisterId: Principal): PreparedModule {
        try {
            return prepareModule(wasm, this.instrumenter);
        } catch (e) {
            if (e instanceof InvalidWasmError) {
                throw new RejectError(
                    RejectCode.CanisterError,
                    'IC0505',
                    `Error from Canister ${canisterId.toText()}: Canister's Wasm module is not valid: ${e.message}`
                );
            }
            throw e;
        }
    }

    observe(observer: ExecutionObserver): () => void {
        this.observers.add(observer);
        return () => this.observers.delete(observer);
    }

    /** Runs `invoke` as execution `e`; returns the trap, if any. Does not commit or roll back. */
    invoke(e: Execution, invoke: () => void): CanisterTrap | null {
        if (this.current !== null) throw new Error('nested execution');
        e.runtime.resetInstructions(e.instructionLimit);
        this.current = e;
        let trap: CanisterTrap | null = null;
        const started = performance.now();
        try {
            invoke();
            if (e.pending !== null) {
                e.cycles += e.pending.cycles; // call_new without call_perform is discarded
                e.pending = null;
            }
        } catch (err) {
            trap = toTrap(err, e.instructionLimit);
            if (trap.errorCode === 'IC0502' && trap.description.includes('host error') && process.env.LOCALNET_DEBUG_HOST === '1') {
                console.error(err);
            }
        } finally {
            this.current = null;
            this.stats.wasmMs += performance.now() - started;
            this.stats.executions++;
        }
        return trap;
    }

    /** Executes with snapshot; commits on success unless `discard`, rolls back on trap. */
    execute(e: Execution, invoke: () => void, discard = false): { trap: CanisterTrap | null; instructions: bigint } {
        const c = e.canister;
        e.runtime.begin();
        c.stable.begin();
        const trap = this.invoke(e, invoke);
        const instructions = e.runtime.instructions();
        if (this.costSchedule === 'normal' && e.kind !== 'query' && e.kind !== 'inspect') {
            // Charged whether the message traps or not; a successful one pays from its tentative balance.
            const fee = executionFee(instructions);
            if (trap !== null || discard) c.cycles -= fee < c.cycles ? fee : c.cycles;
            else e.cycles -= fee < e.cycles ? fee : e.cycles;
        }
        if (trap !== null && e.kind !== 'query' && e.kind !== 'inspect') this.log(c, e.timeNs, `[TRAP]: ${trap.description}`);
        if (trap !== null || discard) {
            e.runtime.rollback();
            c.stable.rollback();
        } else {
            e.runtime.commit();
            c.stable.commit();
            c.dirty = true;
        }
        if (e.callContext) e.callContext.instructions += instructions;
        for (const o of this.observers) o({ canisterId: c.id, kind: e.kind, instructions, trapped: trap !== null });
        return { trap, instructions };
    }
}

/** One message execution as benchmarks see it. */
export type ExecutionObserver = (x: { canisterId: Principal; kind: Execution['kind']; instructions: bigint; trapped: boolean }) => void;
