// A tiny Azle canister for the HTTP interface tests: callers, a stable counter, traps (rolled
// back), a timer and certified data.
import { certifiedDataSet, dataCertificate, IDL, msgCaller, query, setTimer, StableBTreeMap, trap, update } from 'azle';

function u64be(n: bigint): Uint8Array {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, n);
    return out;
}

export default class {
    store = new StableBTreeMap<string, bigint>(0);

    @query([IDL.Text], IDL.Text)
    greet(name: string): string {
        return `Hello, ${name}!`;
    }

    @update([], IDL.Principal)
    whoami(): ReturnType<typeof msgCaller> {
        return msgCaller();
    }

    @query([], IDL.Principal)
    whoamiQuery(): ReturnType<typeof msgCaller> {
        return msgCaller();
    }

    @update([], IDL.Nat)
    inc(): bigint {
        const v = (this.store.get('n') ?? 0n) + 1n;
        this.store.insert('n', v);
        certifiedDataSet(u64be(v));
        return v;
    }

    @query([], IDL.Nat)
    counter(): bigint {
        return this.store.get('n') ?? 0n;
    }

    @update([], IDL.Nat)
    trap(): bigint {
        this.store.insert('n', 999_999n);
        trap('boom');
        return 0n;
    }

    @update([IDL.Nat32], IDL.Null)
    armTimer(seconds: number): null {
        setTimer(seconds, () => {
            this.store.insert('timer', (this.store.get('timer') ?? 0n) + 1n);
        });
        return null;
    }

    @query([], IDL.Nat)
    timerFired(): bigint {
        return this.store.get('timer') ?? 0n;
    }

    @query([], IDL.Opt(IDL.Vec(IDL.Nat8)))
    certificate(): [Uint8Array] | [] {
        const c = dataCertificate();
        return c === undefined ? [] : [c];
    }
}
