// A throwaway ic0 host, just enough to run an Azle canister's init, queries and simple updates in
// tests and benchmarks. The real host is localnet's executor: this one has no rollback, calls or cycles.
import { OutOfInstructions } from './harness.js';

export class Trap extends Error {
    override name = 'Trap';
}

export interface StubCanister {
    imports: WebAssembly.Imports;
    bind(instance: WebAssembly.Instance): void;
    /** Runs an exported entry point with `arg` as its message argument; returns the reply. */
    message(entry: string, arg: Uint8Array): Uint8Array;
}

export function stubCanister(performanceCounter: () => bigint, extra: WebAssembly.Imports = {}): StubCanister {
    let memory: WebAssembly.Memory | undefined;
    let exports: WebAssembly.Exports = {};
    let stable = new Uint8Array(0);
    let arg: Uint8Array = new Uint8Array(0);
    let method = '';
    let reply: number[] = [];
    const self = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    const caller = new Uint8Array([4]);
    const mem = () => new Uint8Array(memory!.buffer);
    const copy = (src: Uint8Array) => (dst: number, off: number, size: number) => mem().set(src.subarray(off, off + size), dst);
    const bytesOf = (s: string) => new TextEncoder().encode(s);
    const ic0: Record<string, (...a: never[]) => unknown> = {
        msg_arg_data_size: () => arg.length,
        msg_arg_data_copy: (d: number, o: number, s: number) => copy(arg)(d, o, s),
        msg_caller_size: () => caller.length,
        msg_caller_copy: (d: number, o: number, s: number) => copy(caller)(d, o, s),
        msg_method_name_size: () => bytesOf(method).length,
        msg_method_name_copy: (d: number, o: number, s: number) => copy(bytesOf(method))(d, o, s),
        canister_self_size: () => self.length,
        canister_self_copy: (d: number, o: number, s: number) => copy(self)(d, o, s),
        msg_reply_data_append: (src: number, size: number) => void reply.push(...mem().subarray(src, src + size)),
        msg_reply: () => undefined,
        msg_reject: (src: number, size: number) => {
            throw new Trap(`reject: ${new TextDecoder().decode(mem().subarray(src, src + size))}`);
        },
        trap: (src: number, size: number) => {
            throw new Trap(new TextDecoder().decode(mem().subarray(src, src + size)));
        },
        debug_print: () => undefined,
        time: () => 1_700_000_000_000_000_000n,
        performance_counter: () => performanceCounter(),
        global_timer_set: () => 0n,
        canister_version: () => 0n,
        in_replicated_execution: () => 1,
        is_controller: () => 0,
        accept_message: () => undefined,
        certified_data_set: () => undefined,
        data_certificate_present: () => 0,
        stable64_size: () => BigInt(stable.length / 65536),
        stable64_grow: (pages: bigint) => {
            const old = BigInt(stable.length / 65536);
            const next = new Uint8Array(stable.length + Number(pages) * 65536);
            next.set(stable);
            stable = next;
            return old;
        },
        stable64_write: (off: bigint, src: bigint, size: bigint) => stable.set(mem().subarray(Number(src), Number(src + size)), Number(off)),
        stable64_read: (dst: bigint, off: bigint, size: bigint) => mem().set(stable.subarray(Number(off), Number(off + size)), Number(dst))
    };
    const stubbed = new Proxy(ic0, {
        get: (target, name: string) =>
            target[name] ??
            (() => {
                throw new Trap(`ic0.${name} is not implemented by the benchmark host`);
            })
    });
    return {
        imports: { ic0: stubbed as WebAssembly.ModuleImports, ...extra },
        bind(instance) {
            exports = instance.exports;
            memory = Object.values(exports).find((e) => e instanceof WebAssembly.Memory);
        },
        message(entry, data) {
            arg = data;
            method = entry.replace(/^canister_(query|update) /, '');
            reply = [];
            (exports[entry] as () => void)();
            return Uint8Array.from(reply);
        }
    };
}

export interface StartedCanister extends Pick<StubCanister, 'message'> {
    /** The metering globals, or null for an uninstrumented module. */
    counter: WebAssembly.Global | null;
    limit: WebAssembly.Global | null;
}

/** Instantiates an Azle module (instrumented or not) under the stub host; does not run init. */
export function startCanister(module: WebAssembly.Module): StartedCanister {
    let counter: WebAssembly.Global | null = null;
    const stub = stubCanister(() => (counter?.value as bigint | undefined) ?? 0n, {
        __localnet: {
            out_of_instructions: () => {
                throw new OutOfInstructions('instruction limit exceeded');
            }
        }
    });
    const instance = new WebAssembly.Instance(module, stub.imports);
    stub.bind(instance);
    counter = (instance.exports.__localnet_instructions as WebAssembly.Global | undefined) ?? null;
    const limit = (instance.exports.__localnet_limit as WebAssembly.Global | undefined) ?? null;
    return { message: stub.message, counter, limit };
}

export const EMPTY_ARGS = Uint8Array.from([0x44, 0x49, 0x44, 0x4c, 0x00, 0x00]);

export function nat32Arg(n: number): Uint8Array {
    return Uint8Array.from([0x44, 0x49, 0x44, 0x4c, 0x00, 0x01, 0x79, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24]);
}
