// The IC core: canisters, message queue, call contexts, rounds. Synchronous and deterministic
// (given a manual clock): every execution runs to completion before the next one starts.
import { randomBytes } from 'node:crypto';

import { Principal } from '@dfinity/principal';

import {
    INSTRUCTION_LIMITS,
    RejectCode,
    type CallOutcome,
    type CanisterInfo,
    type Certifier,
    type Clock,
    type IngressMessage,
    type LocalIc,
    type RequestStatus
} from '../types.js';
import { deriveDevKeys, type DevKeys } from '../crypto/root_key.js';
import { DEFAULT_START_TIME_NS, ManualClock, WallClock, type TimeStore } from './clock.js';
import { RejectError, reject } from './errors.js';
import {
    CanisterTrap,
    instructionLimitTrap,
    toTrap,
    type ExecKind,
    type Execution
} from './execution.js';
import { FIRST_CANISTER_ID, MANAGEMENT_CANISTER_ID, canisterIdFromU64, hex, isManagement } from './ids.js';
import { ManagementCanister } from './management.js';
import { instrumentForMetering } from '../wasm/instrument.js';
import { deliverRequest, deliverResponse, executeQuery, inspectIngress, runSystemTask } from './delivery.js';
import { executionFee, memoryFee, type CostSchedule } from './fees.js';
import type { DeliveryHost, InstallHost, ManagementHost } from './host.js';
import { installCode, uninstallCode } from './install.js';
import { InvalidWasmError, prepareModule, sha256, type Instrumenter, type PreparedModule } from './module.js';
import { WasmRuntime } from './runtime.js';
import { Canister, type CallContext, type Message, type Origin, type Response } from './state.js';
import { makeSystemApi } from './system_api.js';

export interface LocalIcOptions {
    /** 'manual' (default: tests; starts at `startTimeNs`) or 'wall' (server: wall clock + offset). */
    clock?: 'manual' | 'wall';
    startTimeNs?: bigint;
    /** Instrument modules to count instructions (default: on when an instrumenter is available). */
    metering?: boolean;
    /** Overrides the instrumenter (default: localnet/src/wasm/instrument.ts when present). */
    instrumenter?: Instrumenter | null;
    certifier?: Certifier;
    /** Seed of `raw_rand` (deterministic). Default: fixed. */
    seed?: string;
    /** Also print canister debug output to stdout (default: env LOCALNET_DEBUG_PRINT=1). */
    debugPrintToStdout?: boolean;
    /** Lower (or raise) the per-message instruction limits, e.g. to test a budget. Default: the IC's. */
    instructionLimits?: Partial<Record<keyof typeof INSTRUCTION_LIMITS, bigint>>;
    /** 'normal' charges execution and idle memory like the IC (PocketIC's default); default 'free'. */
    costSchedule?: CostSchedule;
}

export const DEFAULT_PROVISIONAL_CYCLES = 100_000_000_000_000n;
const MAX_LOG_ENTRIES = 10_000;
const MAX_INGRESS_HISTORY = 20_000;
/** Inner rounds per tick: messages produced during a round run in the same round (subnet-local). */
const MAX_INNER_ROUNDS = 100;

type IngressRecord = { status: RequestStatus; instructions: bigint };

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

export class LocalIcImpl implements LocalIc, DeliveryHost, InstallHost, ManagementHost {
    readonly clock: Clock;
    private readonly manualClock: ManualClock | null;
    private readonly wallClock: WallClock | null;
    readonly canisters = new Map<string, Canister>();
    private queue: Message[] = [];
    private readonly ingress = new Map<string, IngressRecord>();
    private readonly ridIndex = new SortedIds();
    private current: Execution | null = null;
    private nextCallContextId = 1;
    nextCanisterId = FIRST_CANISTER_ID;
    randCounter = 0n;
    readonly seed: string;
    certifier: Certifier | null;
    readonly instrumenter: Instrumenter | null;
    /** @internal */
    readonly management: ManagementCanister;
    private readonly debugToStdout: boolean;
    /** Instructions of the last completed ingress call or query (see `CallOutcome.instructions`). */
    lastInstructions = 0n;
    /** Time spent inside canister code (Wasm exports, including system API calls), for benchmarks. */
    readonly stats = { wasmMs: 0, executions: 0 };
    readonly limits: Record<keyof typeof INSTRUCTION_LIMITS, bigint>;
    readonly costSchedule: CostSchedule;
    private lastChargeNs: bigint;

    constructor(options: LocalIcOptions = {}) {
        if (options.clock === 'wall') {
            this.wallClock = new WallClock();
            this.manualClock = null;
            this.clock = this.wallClock;
        } else {
            this.manualClock = new ManualClock(options.startTimeNs ?? DEFAULT_START_TIME_NS);
            this.wallClock = null;
            this.clock = this.manualClock;
        }
        const metering = options.metering ?? true;
        this.instrumenter = metering ? (options.instrumenter === undefined ? defaultInstrumenter : options.instrumenter) : null;
        this.certifier = options.certifier ?? null;
        this.seed = options.seed ?? 'localnet';
        this.debugToStdout = options.debugPrintToStdout ?? process.env.LOCALNET_DEBUG_PRINT === '1';
        this.management = new ManagementCanister(this);
        this.limits = { ...INSTRUCTION_LIMITS, ...options.instructionLimits };
        this.costSchedule = options.costSchedule ?? 'free';
        this.lastChargeNs = this.clock.nowNs();
    }

    get metered(): boolean {
        return this.instrumenter !== null;
    }

    setCertifier(c: Certifier | null): void {
        this.certifier = c;
    }

    // ---- time ----

    setTimeNs(t: bigint): void {
        (this.manualClock ?? this.wallClock)!.set(t);
    }

    /** Keeps the clock's high-water mark in `store` (persistence.ts: `<dir>/clock.json`). */
    attachTimeStore(store: TimeStore): void {
        (this.manualClock ?? this.wallClock)!.attachStore(store);
    }

    /** After a restart: never before `floorNs`; a wall clock keeps its saved offset. */
    resumeTime(offsetNs: bigint, floorNs: bigint): void {
        if (this.wallClock) this.wallClock.resume(offsetNs, floorNs);
        else if (this.clock.nowNs() < floorNs) this.setTimeNs(floorNs);
    }

    advanceTimeMs(ms: number): void {
        if (ms < 0) throw new Error('advanceTimeMs: negative duration');
        this.setTimeNs(this.clock.nowNs() + BigInt(Math.round(ms * 1_000_000)));
    }

    // ---- canisters ----

    canister(id: Principal): Canister | undefined {
        return this.canisters.get(id.toText());
    }

    canisterIds(): Principal[] {
        return [...this.canisters.values()].map((c) => c.id);
    }

    canisterInfo(canisterId: Principal): CanisterInfo | undefined {
        const c = this.canister(canisterId);
        if (!c) return undefined;
        return {
            canisterId: c.id,
            controllers: [...c.controllers],
            moduleHash: c.module ? c.module.hash : null,
            status: c.status,
            cycles: c.cycles,
            memorySize: c.memorySize,
            certifiedData: c.certifiedData,
            metadata: c.module ? c.module.metadata : new Map()
        };
    }

    logs(canisterId: Principal): { timeNs: bigint; message: string }[] {
        return [...(this.canister(canisterId)?.logs ?? [])];
    }

    /** Creates a canister directly (what provisional_create_canister_with_cycles does). */
    createCanisterNow(controllers: Principal[], cycles: bigint, specifiedId?: Principal): Canister {
        let id: Principal;
        if (specifiedId) {
            if (this.canisters.has(specifiedId.toText())) {
                throw new RejectError(RejectCode.DestinationInvalid, 'IC0205', `Canister ${specifiedId.toText()} is already installed.`);
            }
            id = specifiedId;
        } else {
            do {
                id = canisterIdFromU64(this.nextCanisterId++);
            } while (this.canisters.has(id.toText()));
        }
        const c = new Canister(id, controllers, cycles);
        this.canisters.set(id.toText(), c);
        return c;
    }

    deleteCanisterNow(c: Canister): void {
        this.dropCallContexts(c, 'Canister has been deleted');
        this.canisters.delete(c.id.toText());
    }

    nextRandom(): Uint8Array {
        const counter = this.randCounter++;
        return sha256(new TextEncoder().encode(`${this.seed}:raw_rand:${counter}`));
    }

    /** @internal */
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
            debugPrint: (e, message) => {
                c.logs.push({ timeNs: e.timeNs, message });
                if (c.logs.length > MAX_LOG_ENTRIES) c.logs.splice(0, c.logs.length - MAX_LOG_ENTRIES);
                if (this.debugToStdout) process.stdout.write(`[${c.id.toText()}] ${message}\n`);
            }
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

    // ---- executions ----

    /** Runs `invoke` as execution `e`; returns the trap, if any. Does not commit or roll back. */
    /** @internal */
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
    /** @internal */
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
        if (trap !== null || discard) {
            e.runtime.rollback();
            c.stable.rollback();
        } else {
            e.runtime.commit();
            c.stable.commit();
            c.dirty = true;
        }
        if (e.callContext) e.callContext.instructions += instructions;
        return { trap, instructions };
    }

    /** Applies the tentative effects of a successful replicated execution. */
    /** @internal */
    applyEffects(e: Execution): void {
        const c = e.canister;
        c.cycles = e.cycles;
        if (e.callContext) e.callContext.cyclesAvailable = e.cyclesAvailable;
        if (e.certifiedData !== null) c.certifiedData = e.certifiedData;
        if (e.timerDeadline !== null) c.timerDeadline = e.timerDeadline;
        c.version++;
        c.dirty = true;
        for (const call of e.outgoing) {
            const id = c.nextCallbackId++;
            const deadline = call.timeoutSeconds === null ? 0n : e.timeNs + BigInt(call.timeoutSeconds) * 1_000_000_000n;
            c.callbacks.set(id, { ...call.callback, deadline });
            call.callback.callContext.outstanding++;
            const arg = new Uint8Array(call.argsLength);
            let p = 0;
            for (const a of call.args) {
                arg.set(a, p);
                p += a.length;
            }
            this.queue.push({
                kind: 'request',
                from: c.id,
                to: call.callee,
                method: call.method,
                arg,
                cycles: call.cycles,
                origin: { kind: 'canister', canister: c.id, callbackId: id },
                deadline
            });
        }
    }

    /** @internal */
    newCallContext(origin: Origin, caller: Principal, methodName: string, cycles: bigint): CallContext {
        return {
            id: this.nextCallContextId++,
            origin,
            caller,
            methodName,
            cyclesAvailable: cycles,
            responded: false,
            outstanding: 0,
            instructions: 0n,
            deleted: false
        };
    }

    /** @internal */
    trapResponse(c: Canister, trap: CanisterTrap): Response {
        return reject(RejectCode.CanisterError, trap.errorCode, `Error from Canister ${c.id.toText()}: ${trap.description}`);
    }

    /** Sends the response of a call context to its origin. */
    /** @internal */
    respond(c: Canister | null, ctx: CallContext, response: Response): void {
        if (ctx.responded) return;
        ctx.responded = true;
        const refund = ctx.cyclesAvailable;
        ctx.cyclesAvailable = 0n;
        this.route(ctx.origin, c ? c.id : MANAGEMENT_CANISTER_ID, response, refund, ctx.instructions);
    }

    route(origin: Origin, from: Principal, response: Response, refund: bigint, instructions: bigint): void {
        if (origin.kind === 'ingress') {
            const status: RequestStatus =
                response.kind === 'reply'
                    ? { status: 'replied', reply: response.data }
                    : {
                          status: 'rejected',
                          rejectCode: response.code,
                          rejectMessage: response.message,
                          errorCode: response.errorCode
                      };
            this.recordIngress(origin.requestId, { status, instructions });
        } else if (origin.kind === 'canister') {
            this.queue.push({ kind: 'response', to: origin.canister, from, callbackId: origin.callbackId, response, refund });
        }
    }

    private recordIngress(requestId: string, record: IngressRecord): void {
        if (!this.ingress.delete(requestId)) this.ridIndex.insert(requestId);
        this.ingress.set(requestId, record);
        if (this.ingress.size > MAX_INGRESS_HISTORY) {
            const oldest = this.ingress.keys().next().value;
            if (oldest !== undefined) {
                this.ingress.delete(oldest);
                this.ridIndex.remove(oldest);
            }
        }
    }

    /** Closes a call context when nothing is outstanding; answers it if the canister did not. */
    /** @internal */
    closeIfDone(c: Canister, ctx: CallContext, trap: CanisterTrap | null): void {
        if (ctx.outstanding > 0) return;
        if (!ctx.responded && ctx.origin.kind !== 'system') {
            this.respond(
                c,
                ctx,
                trap
                    ? this.trapResponse(c, trap)
                    : reject(RejectCode.CanisterError, 'IC0506', `Error from Canister ${c.id.toText()}: Canister did not reply to the call`)
            );
        }
        ctx.responded = true;
        c.openContexts.delete(ctx);
        this.checkStopped(c);
    }

    checkStopped(c: Canister): void {
        if (c.status === 'stopping' && c.openContexts.size === 0) {
            c.status = 'stopped';
            c.dirty = true;
            const waiting = c.pendingStops.splice(0);
            const empty = new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0x00, 0x00]); // DIDL, no types, no values
            for (const origin of waiting) this.route(origin, MANAGEMENT_CANISTER_ID, { kind: 'reply', data: empty }, 0n, 0n);
        }
    }

    /** Rejects and forgets every open call context (reinstall, uninstall, delete). */
    dropCallContexts(c: Canister, why: string): void {
        for (const ctx of c.openContexts) {
            ctx.deleted = true;
            if (!ctx.responded && ctx.origin.kind !== 'system') {
                this.respond(c, ctx, reject(RejectCode.CanisterReject, 'IC0503', `${why}: ${c.id.toText()}`));
            }
        }
        c.openContexts.clear();
        c.callbacks.clear();
    }

    /** @internal */
    methodExport(c: Canister, method: string): { name: string; kind: ExecKind } | null {
        const m = c.module!;
        if (m.functionExports.has(`canister_update ${method}`)) return { name: `canister_update ${method}`, kind: 'update' };
        if (m.functionExports.has(`canister_query ${method}`)) return { name: `canister_query ${method}`, kind: 'replicated_query' };
        if (m.functionExports.has(`canister_composite_query ${method}`)) {
            return { name: `canister_composite_query ${method}`, kind: 'replicated_query' };
        }
        return null;
    }

    /** Why a canister cannot take a message now, or null. */
    /** @internal */
    unavailable(to: Principal, c: Canister | undefined): Response | null {
        if (!c) return reject(RejectCode.DestinationInvalid, 'IC0301', `Canister ${to.toText()} not found`);
        if (c.status === 'stopped') return reject(RejectCode.CanisterError, 'IC0508', `Canister ${c.id.toText()} is stopped`);
        if (c.status === 'stopping') return reject(RejectCode.CanisterError, 'IC0509', `Canister ${c.id.toText()} is stopping`);
        if (!c.runtime) {
            return reject(
                RejectCode.CanisterError,
                'IC0537',
                `Error from Canister ${c.id.toText()}: Attempted to execute a message, but the canister contains no Wasm module.`
            );
        }
        return null;
    }

    /** Executes one message. A host failure still answers the request: nothing waits forever. */
    private deliver(m: Message): void {
        try {
            if (m.kind === 'response') deliverResponse(this, m);
            else if (isManagement(m.to)) this.management.handle(m);
            else deliverRequest(this, m);
        } catch (e) {
            this.current = null;
            // The same form as a host error inside canister code (execution.ts `toTrap`).
            const what = m.kind === 'request' ? `'${m.method}' on ${m.to.toText()}` : `a response to ${m.to.toText()}`;
            const text = `Canister trapped: host error while executing ${what}: ${(e as Error).message ?? String(e)}`;
            console.error(`localnet: ${text}`);
            if (m.kind === 'request') this.route(m.origin, m.to, reject(RejectCode.CanisterError, 'IC0502', text), m.cycles, 0n);
        }
    }

    private runGlobalTimer(c: Canister): void {
        c.timerDeadline = 0n;
        c.dirty = true;
        runSystemTask(this, c, 'canister_global_timer');
    }

    /** install_code for `c` (mode install/reinstall/upgrade); returns the instructions. Throws RejectError on failure. */
    installCode(
        c: Canister,
        sender: Principal,
        mode: 'install' | 'reinstall' | 'upgrade',
        wasm: Uint8Array,
        arg: Uint8Array,
        skipPreUpgrade = false
    ): bigint {
        return installCode(this, c, sender, mode, wasm, arg, skipPreUpgrade);
    }

    uninstallCode(c: Canister): void {
        uninstallCode(this, c);
    }

    // ---- ingress, queries, rounds ----

    submitIngress(message: IngressMessage, requestId: Uint8Array): void {
        const rid = hex(requestId);
        const existing = this.ingress.get(rid);
        if (existing) return; // duplicate submission: ignore like the IC
        if (!isManagement(message.canisterId)) {
            const c = this.canister(message.canisterId);
            const unavailable = this.unavailable(message.canisterId, c);
            // Like the replica: no inspection for methods the canister does not export (delivery
            // rejects them with IC0536).
            if (
                unavailable === null &&
                c!.runtime!.hasExport('canister_inspect_message') &&
                this.methodExport(c!, message.methodName) !== null
            ) {
                const refused = inspectIngress(this, c!, message);
                if (refused) {
                    this.recordIngress(rid, { status: toStatus(refused), instructions: 0n });
                    return;
                }
            }
        }
        this.recordIngress(rid, { status: { status: 'received' }, instructions: 0n });
        this.queue.push({
            kind: 'request',
            from: message.sender,
            to: message.canisterId,
            method: message.methodName,
            arg: message.arg,
            cycles: 0n,
            origin: { kind: 'ingress', requestId: rid, sender: message.sender }
        });
    }

    query(message: IngressMessage): CallOutcome {
        const outcome = executeQuery(this, message);
        this.lastInstructions = outcome.instructions;
        return outcome;
    }

    /** Request ids in byte order (certificates prove absence from them). */
    requestIds(): Uint8Array[] {
        return this.ridIndex.sorted;
    }

    requestStatus(requestId: Uint8Array): RequestStatus | undefined {
        return this.ingress.get(hex(requestId))?.status;
    }

    /** Outcome of a finished ingress message, or undefined while it is pending. */
    ingressOutcome(requestId: Uint8Array): CallOutcome | undefined {
        const r = this.ingress.get(hex(requestId));
        if (!r) return undefined;
        const s = r.status;
        if (s.status === 'replied') return { status: 'replied', reply: s.reply, instructions: r.instructions };
        if (s.status === 'rejected') {
            return {
                status: 'rejected',
                rejectCode: s.rejectCode,
                rejectMessage: s.rejectMessage,
                errorCode: s.errorCode,
                instructions: r.instructions
            };
        }
        return undefined;
    }

    update(message: IngressMessage): CallOutcome {
        const requestId = randomBytes(32);
        this.submitIngress(message, requestId);
        return this.awaitIngress(requestId);
    }

    /** Runs rounds until the ingress message has an outcome. */
    awaitIngress(requestId: Uint8Array, maxRounds = 10_000): CallOutcome {
        for (let round = 0; ; round++) {
            const outcome = this.ingressOutcome(requestId);
            if (outcome) {
                this.lastInstructions = outcome.instructions;
                return outcome;
            }
            if (!this.ingress.has(hex(requestId))) throw new Error('unknown request id');
            if (round >= maxRounds) throw new Error(`ingress message not done after ${maxRounds} rounds`);
            if (this.tick() === 0) throw new Error('ingress message is stuck: nothing left to execute');
        }
    }

    private dueTimers(now: bigint): Canister[] {
        const due: Canister[] = [];
        for (const c of this.canisters.values()) {
            if (c.status === 'running' && c.runtime && c.timerDeadline !== 0n && c.timerDeadline <= now) due.push(c);
        }
        return due;
    }

    /** Time of the earliest armed timer of a running canister (for servers that sleep), or null. */
    nextTimerNs(): bigint | null {
        let next: bigint | null = null;
        for (const c of this.canisters.values()) {
            if (c.status === 'running' && c.runtime && c.timerDeadline !== 0n) {
                if (next === null || c.timerDeadline < next) next = c.timerDeadline;
            }
        }
        return next;
    }

    get queueLength(): number {
        return this.queue.length;
    }

    /** 'normal' schedule: idle memory since the last round. */
    private chargeIdle(): void {
        const now = this.clock.nowNs();
        const elapsed = now - this.lastChargeNs;
        this.lastChargeNs = now;
        if (this.costSchedule !== 'normal' || elapsed <= 0n) return;
        for (const c of this.canisters.values()) {
            const fee = memoryFee(c.memorySize, elapsed);
            if (fee === 0n) continue;
            c.cycles -= fee < c.cycles ? fee : c.cycles;
            c.dirty = true;
        }
    }

    tick(): number {
        this.chargeIdle();
        let executed = 0;
        for (const c of [...this.canisters.values()]) {
            if (c.status === 'running' && c.runtime?.hasExport('canister_heartbeat')) {
                runSystemTask(this, c, 'canister_heartbeat');
                executed++;
            }
        }
        for (const c of this.dueTimers(this.clock.nowNs())) {
            this.runGlobalTimer(c);
            executed++;
        }
        for (let inner = 0; inner < MAX_INNER_ROUNDS && this.queue.length > 0; inner++) {
            const batch = this.queue;
            this.queue = [];
            for (const m of batch) {
                this.deliver(m);
                executed++;
            }
        }
        return executed;
    }

    isIdle(): boolean {
        return this.queue.length === 0 && this.dueTimers(this.clock.nowNs()).length === 0;
    }

    runUntilIdle(maxRounds = 1_000): void {
        for (let round = 0; !this.isIdle(); round++) {
            if (round >= maxRounds) throw new Error(`runUntilIdle: still busy after ${maxRounds} rounds`);
            this.tick();
        }
    }

    // ---- restoring (persistence.ts) ----

    /** Internal: replaces the runtime of a restored canister. */
    restoreRuntime(c: Canister, prepared: PreparedModule, heap: Uint8Array, globals: (number | bigint)[]): void {
        const rt = this.newRuntime(c, prepared);
        rt.importState(heap, globals);
        c.module = prepared;
        c.runtime = rt;
    }

    /** Internal: adds a restored canister. */
    addCanister(c: Canister): void {
        this.canisters.set(c.id.toText(), c);
    }

    get pendingIngress(): number {
        let n = 0;
        for (const r of this.ingress.values()) if (r.status.status === 'received' || r.status.status === 'processing') n++;
        return n;
    }

    /** The principal as given or parsed. */
    static principal(p: Principal | string): Principal {
        return typeof p === 'string' ? Principal.fromText(p) : p;
    }
}

/** Hex ids kept in byte order, with their bytes (hex order is byte order). */
class SortedIds {
    readonly sorted: Uint8Array[] = [];
    private readonly hex: string[] = [];
    private at(id: string): number {
        let lo = 0;
        let hi = this.hex.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (this.hex[mid]! < id) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
    insert(id: string): void {
        const i = this.at(id);
        if (this.hex[i] === id) return;
        this.hex.splice(i, 0, id);
        this.sorted.splice(i, 0, new Uint8Array(Buffer.from(id, 'hex')));
    }
    remove(id: string): void {
        const i = this.at(id);
        if (this.hex[i] !== id) return;
        this.hex.splice(i, 1);
        this.sorted.splice(i, 1);
    }
}

function toStatus(r: Response): RequestStatus {
    return r.kind === 'reply'
        ? { status: 'replied', reply: r.data }
        : { status: 'rejected', rejectCode: r.code, rejectMessage: r.message, errorCode: r.errorCode };
}
