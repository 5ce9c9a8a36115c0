// ic0 imports that send inter-canister calls (call_new … call_perform) and mint cycles.
import { Principal } from '@dfinity/principal';

import type { Ic0, MemoryAccess, N, SystemApiHost } from './system_api_memory.js';
import { CALL_KINDS, onlyIn, pendingCall, trap, u } from './system_api_memory.js';

/** The Cycles Minting Canister, the only one allowed to call `mint_cycles128`. */
const CMC_ID = 'rkp4c-7iaaa-aaaaa-aaaca-cai';
/** Best-effort calls: the IC caps the timeout at 300 s. */
const MAX_CALL_TIMEOUT_S = 300;

export function callImports(host: SystemApiHost, { view, writeU128, u128 }: MemoryAccess): Ic0 {
    const dec = new TextDecoder();
    const only = (name: string): ReturnType<typeof onlyIn> => onlyIn(host, name, CALL_KINDS);
    const pending = (name: string): ReturnType<typeof pendingCall> => pendingCall(host, name);
    return {
        mint_cycles128: (high: N, low: N, dst: N): void => {
            const e = only('ic0_mint_cycles128');
            if (host.canister.id.toText() !== CMC_ID) trap('ic0_mint_cycles128 can only be executed on the Cycles Minting Canister');
            const amount = u128(high, low);
            e.cycles += amount;
            writeU128(dst, amount);
        },
        cost_call: (methodNameSize: N, payloadSize: N, dst: N): void => {
            writeU128(dst, 260_000n + 1_000n * (BigInt(methodNameSize) + BigInt(payloadSize)));
        },
        call_new: (
            calleeSrc: N,
            calleeSize: N,
            nameSrc: N,
            nameSize: N,
            replyFun: N,
            replyEnv: N,
            rejectFun: N,
            rejectEnv: N
        ): void => {
            const e = only('ic0_call_new');
            let callee: Principal;
            try {
                callee = Principal.fromUint8Array(view(calleeSrc, calleeSize).slice());
            } catch {
                trap('ic0_call_new: invalid callee principal');
            }
            if (e.pending !== null) e.cycles += e.pending.cycles; // discarded unfinished call
            e.pending = {
                callee,
                method: dec.decode(view(nameSrc, nameSize)),
                args: [],
                argsLength: 0,
                cycles: 0n,
                timeoutSeconds: null,
                callback: {
                    callContext: e.callContext!,
                    replyFun: Number(replyFun),
                    replyEnv: Number(replyEnv),
                    rejectFun: Number(rejectFun),
                    rejectEnv: Number(rejectEnv),
                    cleanup: null,
                    cyclesAttached: 0n
                }
            };
        },
        call_on_cleanup: (fun: N, env: N): void => {
            const p = pending('ic0_call_on_cleanup');
            if (p.callback.cleanup !== null) trap('ic0_call_on_cleanup: cleanup already set');
            p.callback.cleanup = { fun: Number(fun), env: Number(env) };
        },
        call_data_append: (src: N, size: N): void => {
            const p = pending('ic0_call_data_append');
            const chunk = view(src, size).slice();
            p.args.push(chunk);
            p.argsLength += chunk.length;
        },
        call_cycles_add128: (high: N, low: N): void => {
            const e = host.current();
            const p = pending('ic0_call_cycles_add128');
            const amount = u128(high, low);
            if (amount > e.cycles) trap(`ic0_call_cycles_add128: insufficient cycles balance (${e.cycles} < ${amount})`);
            e.cycles -= amount;
            p.cycles += amount;
        },
        call_with_best_effort_response: (timeoutSeconds: N): void => {
            const p = pending('ic0_call_with_best_effort_response');
            if (p.timeoutSeconds !== null) trap('ic0_call_with_best_effort_response: the timeout is already set');
            p.timeoutSeconds = Math.min(u(timeoutSeconds), MAX_CALL_TIMEOUT_S);
        },
        call_perform: (): number => {
            const e = host.current();
            const p = pending('ic0_call_perform');
            p.callback.cyclesAttached = p.cycles;
            e.outgoing.push(p);
            e.pending = null;
            return 0;
        }
    };
}
