// The IC core's facade: canisters, time, ingress and rounds. Synchronous and deterministic (given a
// manual clock): every execution runs to completion before the next one starts. The engine
// (engine.ts) runs one message; the router (router.ts) moves messages between call contexts; the
// options and defaults are in local_ic_options.ts — the split pic-js makes between its facade,
// client and types.
import { randomBytes } from 'node:crypto';

import { Principal } from '@dfinity/principal';

import type { CallOutcome, CanisterInfo, Certifier, Clock, IngressMessage, LocalIc, RequestStatus } from '../types.js';
import { methodExport, unavailable, CanisterTable } from './canister_table.js';
import { DEFAULT_START_TIME_NS, ManualClock, WallClock, type TimeStore } from './clock.js';
import { coreHost, type CoreHost } from './core_host.js';
import { executeQuery, inspectIngress } from './delivery.js';
import { ExecutionEngine, type ExecutionObserver } from './engine.js';
import type { CostSchedule } from './fees.js';
import type { Limits } from './host.js';
import { hex, isManagement } from './ids.js';
import { toStatus } from './ingress_history.js';
import type { LocalIcOptions } from './local_ic_options.js';
import { ManagementCanister } from './management.js';
import { sha256, type PreparedModule } from './module.js';
import { dueTimers, nextTimerNs, runRound } from './rounds.js';
import { CallRouter } from './router.js';
import type { Canister } from './state.js';
import type { BuiltinCanister } from './system/builtin.js';
import { addSystemCanisters } from './system/index.js';
import type { CyclesLedger } from './system/cycles_ledger.js';

export { setDefaultInstrumenter } from './engine.js';
export { DEFAULT_PROVISIONAL_CYCLES, type LocalIcOptions } from './local_ic_options.js';

export class LocalIcImpl implements LocalIc {
    readonly clock: Clock;
    private readonly settableClock: ManualClock | WallClock;
    private readonly table = new CanisterTable();
    private readonly engine: ExecutionEngine;
    private readonly router = new CallRouter();
    private readonly host: CoreHost;
    private readonly builtins = new Map<string, BuiltinCanister>();
    /** The cycles ledger, when the IC has its system canisters (`systemCanisters`). */
    readonly cyclesLedger: CyclesLedger | null = null;
    randCounter = 0n;
    readonly seed: string;
    /** @internal */
    readonly management: ManagementCanister;
    /** Instructions of the last completed ingress call or query (see `CallOutcome.instructions`). */
    lastInstructions = 0n;
    private lastChargeNs: bigint;

    constructor(options: LocalIcOptions = {}) {
        this.settableClock = options.clock === 'wall' ? new WallClock() : new ManualClock(options.startTimeNs ?? DEFAULT_START_TIME_NS);
        this.clock = this.settableClock;
        this.engine = new ExecutionEngine(options);
        this.seed = options.seed ?? 'localnet';
        this.host = coreHost({
            table: this.table,
            engine: this.engine,
            router: this.router,
            clock: this.clock,
            nextRandom: () => this.nextRandom(),
            builtins: this.builtins,
            handleManagement: (m) => this.management.handle(m)
        });
        this.management = new ManagementCanister(this.host);
        if (options.systemCanisters === true) this.cyclesLedger = addSystemCanisters(this.builtins, this.host, () => this.engine.subnetId());
        this.lastChargeNs = this.clock.nowNs();
    }

    get canisters(): Map<string, Canister> {
        return this.table.map;
    }
    get nextCanisterId(): bigint {
        return this.table.nextId;
    }
    set nextCanisterId(n: bigint) {
        this.table.nextId = n;
    }
    get metered(): boolean {
        return this.engine.instrumenter !== null;
    }
    get certifier(): Certifier | null {
        return this.engine.certifier;
    }
    get limits(): Limits {
        return this.engine.limits;
    }
    get costSchedule(): CostSchedule {
        return this.engine.costSchedule;
    }
    /** Time spent inside canister code (Wasm exports, including system API calls), for benchmarks. */
    get stats(): { wasmMs: number; executions: number } {
        return this.engine.stats;
    }
    /** Calls `observer` after every message execution until the returned function is called. */
    observeExecutions = (observer: ExecutionObserver): (() => void) => this.engine.observe(observer);

    setCertifier(c: Certifier | null): void {
        this.engine.certifier = c;
    }

    // ---- time ----

    setTimeNs(t: bigint): void {
        this.settableClock.set(t);
    }

    /** Keeps the clock's high-water mark in `store` (persistence.ts: `<dir>/clock.json`). */
    attachTimeStore(store: TimeStore): void {
        this.settableClock.attachStore(store);
    }

    /** After a restart: never before `floorNs`; a wall clock keeps its saved offset. */
    resumeTime(offsetNs: bigint, floorNs: bigint): void {
        if (this.settableClock instanceof WallClock) this.settableClock.resume(offsetNs, floorNs);
        else if (this.clock.nowNs() < floorNs) this.setTimeNs(floorNs);
    }

    advanceTimeMs(ms: number): void {
        if (ms < 0) throw new Error('advanceTimeMs: negative duration');
        this.setTimeNs(this.clock.nowNs() + BigInt(Math.round(ms * 1_000_000)));
    }

    // ---- canisters ----

    canister(id: Principal): Canister | undefined {
        return this.table.get(id);
    }
    canisterIds(): Principal[] {
        return this.table.ids();
    }
    canisterInfo(canisterId: Principal): CanisterInfo | undefined {
        return this.table.info(canisterId);
    }
    logs(canisterId: Principal): { idx: bigint; timeNs: bigint; message: string }[] {
        return [...(this.canister(canisterId)?.logs ?? [])];
    }
    /** Creates a canister directly (what provisional_create_canister_with_cycles does). */
    createCanisterNow(controllers: Principal[], cycles: bigint, specifiedId?: Principal): Canister {
        return this.table.create(controllers, cycles, specifiedId);
    }

    deleteCanisterNow(c: Canister): void {
        this.host.deleteCanisterNow(c);
    }

    nextRandom(): Uint8Array {
        const counter = this.randCounter++;
        return sha256(new TextEncoder().encode(`${this.seed}:raw_rand:${counter}`));
    }

    /** install_code for `c` (mode install/reinstall/upgrade); returns the instructions. Throws RejectError on failure. */
    installCode(c: Canister, sender: Principal, mode: 'install' | 'reinstall' | 'upgrade', wasm: Uint8Array, arg: Uint8Array, skipPreUpgrade = false): bigint {
        return this.host.installCode(c, sender, mode, wasm, arg, skipPreUpgrade);
    }

    uninstallCode(c: Canister): void {
        this.host.uninstallCode(c);
    }

    /** Prepares (compiles, instruments) a module; throws a RejectError for invalid Wasm. */
    prepare(wasm: Uint8Array, canisterId: Principal): PreparedModule {
        return this.engine.prepare(wasm, canisterId);
    }

    // ---- ingress, queries, rounds ----

    submitIngress(message: IngressMessage, requestId: Uint8Array): void {
        const rid = hex(requestId);
        if (this.router.ingress.has(rid)) return; // duplicate submission: ignore like the IC
        if (!isManagement(message.canisterId)) {
            const c = this.canister(message.canisterId);

            // Like the replica: no inspection for methods the canister does not export (delivery
            // rejects them with IC0536).
            if (unavailable(message.canisterId, c) === null && c!.runtime!.hasExport('canister_inspect_message') && methodExport(c!, message.methodName) !== null) {
                const refused = inspectIngress(this.host, c!, message);
                if (refused) {
                    this.router.ingress.record(rid, { status: toStatus(refused), instructions: 0n });
                    return;
                }
            }
        }
        this.router.ingress.record(rid, { status: { status: 'received' }, instructions: 0n });
        this.router.queue.push({
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
        const outcome = executeQuery(this.host, message);
        this.lastInstructions = outcome.instructions;
        return outcome;
    }

    /** Request ids in byte order (certificates prove absence from them). */
    requestIds(): Uint8Array[] {
        return this.router.ingress.sorted();
    }

    requestStatus(requestId: Uint8Array): RequestStatus | undefined {
        return this.router.ingress.status(requestId);
    }

    /** Outcome of a finished ingress message, or undefined while it is pending. */
    ingressOutcome(requestId: Uint8Array): CallOutcome | undefined {
        return this.router.ingress.outcome(requestId);
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
            if (!this.router.ingress.has(requestId)) throw new Error('unknown request id');
            if (round >= maxRounds) throw new Error(`ingress message not done after ${maxRounds} rounds`);
            if (this.tick() === 0) throw new Error('ingress message is stuck: nothing left to execute');
        }
    }

    /** Time of the earliest armed timer of a running canister (for servers that sleep), or null. */
    nextTimerNs(): bigint | null {
        return nextTimerNs(this.canisters);
    }

    get queueLength(): number {
        return this.router.queue.length;
    }

    tick(): number {
        const { executed, chargedAtNs } = runRound(this.host, this.lastChargeNs);
        this.lastChargeNs = chargedAtNs;
        return executed;
    }

    isIdle(): boolean {
        return this.router.queue.length === 0 && dueTimers(this.canisters, this.clock.nowNs()).length === 0;
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
        const rt = this.engine.newRuntime(c, prepared);
        rt.importState(heap, globals);
        c.module = prepared;
        c.runtime = rt;
    }

    isSystemCanister(id: Principal): boolean {
        return this.builtins.has(id.toText());
    }

    /** Development faucet: cycles on the cycles ledger for `owner` (needs `systemCanisters`). */
    mintCycles(owner: Principal, amount: bigint): bigint {
        if (!this.cyclesLedger) throw new Error('this IC has no cycles ledger (option systemCanisters)');
        this.cyclesLedger.mint(owner, amount);
        return this.cyclesLedger.balance(owner);
    }

    /** Internal: adds a restored canister. */
    addCanister(c: Canister): void {
        this.table.map.set(c.id.toText(), c);
    }

    get pendingIngress(): number {
        return this.router.ingress.pending();
    }

    /** The principal as given or parsed. */
    static principal(p: Principal | string): Principal {
        return typeof p === 'string' ? Principal.fromText(p) : p;
    }
}
