// Test canister for localnet's own tests: heap and stable state, traps, timers, calls, cycles,
// certified data, instruction limits.
import {
    call,
    canisterCycleBalance,
    canisterSelf,
    certifiedDataSet,
    dataCertificate,
    IDL,
    init,
    inspectMessage,
    inReplicatedExecution,
    isController,
    msgCaller,
    msgCyclesAccept,
    msgCyclesAvailable,
    msgCyclesRefunded,
    performanceCounter,
    postUpgrade,
    preUpgrade,
    Principal,
    query,
    setTimer,
    setTimerInterval,
    StableBTreeMap,
    time,
    trap,
    update
} from 'azle';

const CallResult = IDL.Variant({ Ok: IDL.Text, Err: IDL.Record({ code: IDL.Nat32, message: IDL.Text }) });
type CallResult = { Ok: string } | { Err: { code: number; message: string } };

function describe(e: unknown): CallResult {
    const err = e as { rejectCode?: number; rejectMessage?: string; message?: string };
    return { Err: { code: err.rejectCode ?? 0, message: err.rejectMessage ?? err.message ?? String(e) } };
}

export default class {
    counter = 0n;
    kv = new StableBTreeMap<string, string>(0);
    stats = new StableBTreeMap<string, bigint>(1);

    @init([])
    init(): void {
        this.stats.insert('inits', (this.stats.get('inits') ?? 0n) + 1n);
    }

    @preUpgrade
    preUpgrade(): void {
        this.stats.insert('preUpgrades', (this.stats.get('preUpgrades') ?? 0n) + 1n);
        if (this.stats.get('failPreUpgrade') === 1n) trap('pre_upgrade refuses');
    }

    @update([IDL.Text, IDL.Nat64], IDL.Null)
    setStat(k: string, v: bigint): null {
        this.stats.insert(k, v);
        return null;
    }

    @postUpgrade([])
    postUpgrade(): void {
        if (this.stats.get('failPostUpgrade') === 1n) {
            this.stats.insert('upgrades', 1000n);
            trap('post_upgrade refuses');
        }
        this.stats.insert('upgrades', (this.stats.get('upgrades') ?? 0n) + 1n);
        const interval = this.stats.get('interval');
        if (interval !== undefined) this.startInterval(interval);
    }

    @inspectMessage
    inspect(methodName: string): boolean {
        return methodName !== 'refusedByInspect';
    }

    @update([], IDL.Null)
    refusedByInspect(): null {
        return null;
    }

    // ---- heap counter ----
    @update([], IDL.Nat64)
    inc(): bigint {
        this.counter += 1n;
        return this.counter;
    }

    @update([], IDL.Nat64)
    incThenTrap(): bigint {
        this.counter += 1n;
        trap('incThenTrap');
    }

    @query([], IDL.Nat64)
    getCounter(): bigint {
        return this.counter;
    }

    @query([], IDL.Nat64)
    incInQuery(): bigint {
        this.counter += 1n;
        this.kv.insert('query', 'was here');
        return this.counter;
    }

    // ---- stable map ----
    @update([IDL.Text, IDL.Text], IDL.Null)
    put(k: string, v: string): null {
        this.kv.insert(k, v);
        return null;
    }

    @update([IDL.Text, IDL.Text], IDL.Null)
    putThenTrap(k: string, v: string): null {
        this.kv.insert(k, v);
        trap('putThenTrap');
    }

    @update([IDL.Nat32, IDL.Nat32], IDL.Null)
    putMany(n: number, size: number): null {
        const v = 'x'.repeat(size);
        for (let i = 0; i < n; i++) this.kv.insert(`bulk${i}`, v);
        return null;
    }

    @update([IDL.Nat32, IDL.Nat32], IDL.Null)
    putManyThenTrap(n: number, size: number): null {
        this.putMany(n, size);
        trap('putManyThenTrap');
    }

    @query([IDL.Text], IDL.Opt(IDL.Text))
    get(k: string): [string] | [] {
        const v = this.kv.get(k);
        return v === undefined ? [] : [v];
    }

    @query([], IDL.Nat64)
    len(): bigint {
        return BigInt(this.kv.len());
    }

    @query([IDL.Text], IDL.Nat64)
    stat(k: string): bigint {
        return this.stats.get(k) ?? 0n;
    }

    // ---- heap growth then trap (forces re-instantiation on rollback) ----
    big: string[] = [];
    @update([IDL.Nat32], IDL.Nat32)
    growHeapThenTrap(mb: number): number {
        for (let i = 0; i < mb; i++) this.big.push('y'.repeat(1024 * 1024) + i);
        this.counter += 1n;
        trap('growHeapThenTrap');
    }

    // ---- environment ----
    @query([], IDL.Principal)
    whoami(): Principal {
        return msgCaller();
    }

    @update([], IDL.Principal)
    whoamiUpdate(): Principal {
        return msgCaller();
    }

    @query([], IDL.Bool)
    callerIsController(): boolean {
        return isController(msgCaller());
    }

    @query([], IDL.Nat64)
    now(): bigint {
        return time();
    }

    @query([], IDL.Bool)
    replicatedQuery(): boolean {
        return inReplicatedExecution();
    }

    @update([], IDL.Bool)
    replicatedUpdate(): boolean {
        return inReplicatedExecution();
    }

    @update([], IDL.Principal)
    self(): Principal {
        return canisterSelf();
    }

    @query([], IDL.Nat64)
    instructionsQuery(): bigint {
        return performanceCounter(0);
    }

    @update([IDL.Nat32], IDL.Nat64)
    work(n: number): bigint {
        let x = 0;
        for (let i = 0; i < n; i++) x = (x * 31 + i) % 1000003;
        this.counter += BigInt(x % 2);
        return performanceCounter(0);
    }

    @update([], IDL.Null)
    loopForever(): null {
        this.counter += 1n;
        this.kv.insert('loop', 'started');
        for (;;) {
            // burn instructions until the limit
        }
    }

    @query([], IDL.Null)
    loopForeverQuery(): null {
        for (;;) {
            // burn instructions until the limit
        }
    }

    // ---- timers ----
    @update([IDL.Nat32], IDL.Nat64)
    scheduleTimer(seconds: number): bigint {
        return setTimer(seconds, () => {
            this.stats.insert('timer', (this.stats.get('timer') ?? 0n) + 1n);
        });
    }

    @update([IDL.Nat32], IDL.Null)
    scheduleInterval(seconds: number): null {
        this.stats.insert('interval', BigInt(seconds));
        this.startInterval(BigInt(seconds));
        return null;
    }

    startInterval(seconds: bigint): void {
        setTimerInterval(Number(seconds), () => {
            this.stats.insert('ticks', (this.stats.get('ticks') ?? 0n) + 1n);
        });
    }

    // ---- calls ----
    @update([IDL.Principal, IDL.Text], CallResult)
    async callInc(target: Principal, method: string): Promise<CallResult> {
        try {
            const r: bigint = await call(target, method, { returnIdlType: IDL.Nat64 });
            return { Ok: r.toString() };
        } catch (e) {
            return describe(e);
        }
    }

    @update([], IDL.Nat64)
    async selfCall(): Promise<bigint> {
        return await call(canisterSelf(), 'inc', { returnIdlType: IDL.Nat64 });
    }

    /** Increments the heap counter and a stable stat, awaits a call, then traps. */
    @update([IDL.Principal], IDL.Null)
    async callThenTrap(target: Principal): Promise<null> {
        this.counter += 1n;
        this.stats.insert('beforeAwait', (this.stats.get('beforeAwait') ?? 0n) + 1n);
        await call(target, 'inc', { returnIdlType: IDL.Nat64 });
        this.counter += 100n;
        this.stats.insert('afterAwait', (this.stats.get('afterAwait') ?? 0n) + 1n);
        trap('trap after await');
    }

    @update([IDL.Principal, IDL.Nat], CallResult)
    async sendCycles(target: Principal, amount: bigint): Promise<CallResult> {
        try {
            const accepted: bigint = await call(target, 'acceptCycles', { returnIdlType: IDL.Nat, cycles: amount });
            return { Ok: `${accepted}:${msgCyclesRefunded()}` };
        } catch (e) {
            return describe(e);
        }
    }

    @update([], IDL.Nat)
    acceptCycles(): bigint {
        const available = msgCyclesAvailable();
        return msgCyclesAccept(available / 2n);
    }

    @query([], IDL.Nat)
    balance(): bigint {
        return canisterCycleBalance();
    }

    @update([IDL.Principal], CallResult)
    async statusOf(target: Principal): Promise<CallResult> {
        try {
            const r: { cycles: bigint } = await call('aaaaa-aa', 'canister_status', {
                paramIdlTypes: [IDL.Record({ canister_id: IDL.Principal })],
                returnIdlType: IDL.Record({ cycles: IDL.Nat }),
                args: [{ canister_id: target }]
            });
            return { Ok: r.cycles.toString() };
        } catch (e) {
            return describe(e);
        }
    }

    @update([], IDL.Vec(IDL.Nat8))
    async rawRand(): Promise<Uint8Array> {
        return await call('aaaaa-aa', 'raw_rand', { returnIdlType: IDL.Vec(IDL.Nat8) });
    }

    // ---- certified data ----
    @update([IDL.Vec(IDL.Nat8)], IDL.Null)
    setCertified(data: Uint8Array): null {
        certifiedDataSet(data);
        return null;
    }

    @query([], IDL.Opt(IDL.Vec(IDL.Nat8)))
    certificate(): [Uint8Array] | [] {
        const c = dataCertificate();
        return c === undefined ? [] : [c];
    }

    @update([], IDL.Bool)
    certificateInUpdate(): boolean {
        return dataCertificate() !== undefined;
    }
}
