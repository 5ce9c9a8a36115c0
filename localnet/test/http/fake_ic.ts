// A small fake `LocalIc` for the HTTP layer's tests: one canister with Candid methods
// greet(text) -> text (query), whoami() -> principal, inc() -> nat, trap() (traps with code 5),
// and a timer that bumps a counter when canister time passes a deadline.
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { RejectCode, type CallOutcome, type CanisterInfo, type IngressMessage, type LocalIc, type RequestStatus } from '../../src/types.js';

export const FAKE_CANISTER = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');

export const fakeIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
    I.Service({
        greet: I.Func([I.Text], [I.Text], ['query']),
        whoami: I.Func([], [I.Principal], []),
        whoamiQuery: I.Func([], [I.Principal], ['query']),
        inc: I.Func([], [I.Nat], []),
        counter: I.Func([], [I.Nat], ['query']),
        trap: I.Func([], [], []),
        trapQuery: I.Func([], [I.Text], ['query']),
        echo: I.Func([I.Vec(I.Nat8)], [I.Nat], [])
    });

export class FakeIc implements LocalIc {
    #time = 1_700_000_000_000_000_000n;
    readonly clock = { nowNs: (): bigint => this.#time };
    counter = 0n;
    timerDeadline: bigint | null = null;
    timerFired = 0;
    readonly #queue: { rid: string; msg: IngressMessage }[] = [];
    readonly #status = new Map<string, RequestStatus>();
    readonly #logs: { idx: bigint; timeNs: bigint; message: string }[] = [];

    setTimeNs(t: bigint): void {
        if (t > this.#time) this.#time = t;
    }
    advanceTimeMs(ms: number): void {
        this.#time += BigInt(Math.round(ms * 1e6));
    }
    submitIngress(message: IngressMessage, requestId: Uint8Array): void {
        const rid = Buffer.from(requestId).toString('hex');
        this.#status.set(rid, { status: 'received' });
        this.#queue.push({ rid, msg: message });
    }
    requestStatus(requestId: Uint8Array): RequestStatus | undefined {
        return this.#status.get(Buffer.from(requestId).toString('hex'));
    }
    update(message: IngressMessage): CallOutcome {
        return this.#exec(message, false);
    }
    query(message: IngressMessage): CallOutcome {
        return this.#exec(message, true);
    }
    tick(): number {
        let n = 0;
        if (this.timerDeadline !== null && this.#time >= this.timerDeadline) {
            this.timerDeadline = null;
            this.timerFired++;
            n++;
        }
        for (const { rid, msg } of this.#queue.splice(0)) {
            const out = this.#exec(msg, false);
            this.#status.set(
                rid,
                out.status === 'replied'
                    ? { status: 'replied', reply: out.reply }
                    : { status: 'rejected', rejectCode: out.rejectCode, rejectMessage: out.rejectMessage, errorCode: out.errorCode }
            );
            n++;
        }
        return n;
    }
    runUntilIdle(): void {
        while (this.tick() > 0);
    }
    canisterInfo(canisterId: Principal): CanisterInfo | undefined {
        if (canisterId.compareTo(FAKE_CANISTER) !== 'eq') return undefined;
        return {
            canisterId,
            controllers: [Principal.anonymous()],
            moduleHash: new Uint8Array(32).fill(7),
            status: 'running',
            cycles: 10n ** 12n,
            memorySize: 0n,
            certifiedData: new Uint8Array(0),
            metadata: new Map([
                ['candid:service', { visibility: 'public' as const, content: new TextEncoder().encode('service : {}') }],
                ['secret', { visibility: 'private' as const, content: new Uint8Array([1]) }]
            ])
        };
    }
    canisterIds(): Principal[] {
        return [FAKE_CANISTER];
    }
    logs(): { idx: bigint; timeNs: bigint; message: string }[] {
        return this.#logs;
    }

    #exec(msg: IngressMessage, isQuery: boolean): CallOutcome {
        const reply = (types: IDL.Type[], values: unknown[]): CallOutcome => ({
            status: 'replied',
            reply: new Uint8Array(IDL.encode(types, values)),
            instructions: 1000n
        });
        const reject = (code: RejectCode, message: string, errorCode: string): CallOutcome => ({
            status: 'rejected',
            rejectCode: code,
            rejectMessage: message,
            errorCode,
            instructions: 1000n
        });
        switch (msg.methodName) {
            case 'greet': {
                const [name] = IDL.decode([IDL.Text], msg.arg) as [string];
                return reply([IDL.Text], [`Hello, ${name}!`]);
            }
            case 'whoami':
            case 'whoamiQuery':
                return reply([IDL.Principal], [msg.sender]);
            case 'inc':
                if (isQuery) return reject(RejectCode.CanisterError, 'inc is an update', 'IC0536');
                this.counter++;
                return reply([IDL.Nat], [this.counter]);
            case 'counter':
                return reply([IDL.Nat], [this.counter]);
            case 'echo': {
                const [bytes] = IDL.decode([IDL.Vec(IDL.Nat8)], msg.arg) as unknown as [Uint8Array];
                return reply([IDL.Nat], [BigInt(bytes.length)]);
            }
            case 'trap':
            case 'trapQuery':
                return reject(RejectCode.CanisterError, `Error from Canister ${FAKE_CANISTER.toText()}: Canister called \`ic0.trap\` with message: boom`, 'IC0503');
            default:
                return reject(RejectCode.CanisterError, `Canister ${FAKE_CANISTER.toText()} has no method '${msg.methodName}'`, 'IC0536');
        }
    }
}
