// install_code: install, reinstall, upgrade (pre_upgrade on the old module, stable memory kept,
// fresh heap, post_upgrade with the argument), all-or-nothing; uninstall_code.
import type { Principal } from '@dfinity/principal';

import { RejectCode } from '../types.js';
import { RejectError } from './errors.js';
import { newExecution, type CanisterTrap, type Execution } from './execution.js';
import type { ExecutionHost, InstallHost } from './host.js';
import type { WasmRuntime } from './runtime.js';
import { StableMemory } from './stable_memory.js';
import type { Canister } from './state.js';

/** Runs an install hook (init, pre/post upgrade) on `runtime`; no snapshot handling. */
function runHook(
    ic: ExecutionHost,
    c: Canister,
    runtime: WasmRuntime,
    kind: 'init' | 'pre_upgrade' | 'post_upgrade',
    caller: Principal,
    arg: Uint8Array
): { trap: CanisterTrap | null; execution: Execution; ran: boolean } {
    const exportName = `canister_${kind}`;
    const ctx = ic.newCallContext({ kind: 'system' }, caller, exportName, 0n);
    const e = newExecution(c, kind, {
        runtime,
        caller,
        methodName: exportName,
        arg,
        callContext: ctx,
        timeNs: ic.clock.nowNs(),
        instructionLimit: kind === 'init' ? ic.limits.install : ic.limits.upgrade
    });
    // A module without the hook runs nothing: its runtime's counter still holds the last message's.
    if (!runtime.hasExport(exportName)) return { trap: null, execution: e, ran: false };
    const trap = ic.invoke(e, () => runtime.callExport(exportName));
    return { trap, execution: e, ran: true };
}

/**
 * install_code for `c` (mode install/reinstall/upgrade); returns the instructions used. Throws
 * RejectError on failure, leaving the canister as it was.
 */
export function installCode(
    ic: InstallHost,
    c: Canister,
    sender: Principal,
    mode: 'install' | 'reinstall' | 'upgrade',
    wasm: Uint8Array,
    arg: Uint8Array,
    skipPreUpgrade = false
): bigint {
    const id = c.id.toText();
    if (mode === 'install' && c.module) {
        throw new RejectError(
            RejectCode.CanisterError,
            'IC0538',
            `Canister ${id} cannot be installed because the canister is not empty. Try installing with mode='reinstall' instead.`
        );
    }
    if (mode === 'upgrade' && !c.module) {
        throw new RejectError(
            RejectCode.CanisterError,
            'IC0537',
            `Error from Canister ${id}: Attempted to execute a message, but the canister contains no Wasm module.`
        );
    }
    const prepared = ic.prepare(wasm, c.id);
    const old = {
        module: c.module,
        runtime: c.runtime,
        stable: c.stable,
        timer: c.timerDeadline,
        certified: c.certifiedData,
        cycles: c.cycles
    };
    const restore = (): void => {
        c.module = old.module;
        c.runtime = old.runtime;
        c.stable = old.stable;
        c.timerDeadline = old.timer;
        c.certifiedData = old.certified;
        c.cycles = old.cycles;
    };
    const fail = (hook: string, trap: CanisterTrap): never => {
        restore();
        throw new RejectError(
            RejectCode.CanisterError,
            trap.errorCode,
            `Error from Canister ${id}: ${trap.description} (in canister_${hook})`
        );
    };
    let instructions = 0n;
    if (mode === 'upgrade') {
        c.stable.begin();
        const oldRt = old.runtime!;
        oldRt.begin();
        if (!skipPreUpgrade) {
            const pre = runHook(ic, c, oldRt, 'pre_upgrade', sender, new Uint8Array(0));
            if (pre.ran) instructions += oldRt.instructions();
            if (pre.trap) {
                oldRt.rollback();
                c.stable.rollback();
                fail('pre_upgrade', pre.trap);
            }
        }
        let rt: WasmRuntime;
        try {
            rt = ic.newRuntime(c, prepared);
        } catch (e) {
            oldRt.rollback();
            c.stable.rollback();
            restore();
            throw e;
        }
        c.module = prepared;
        c.runtime = rt;
        c.timerDeadline = 0n;
        const post = runHook(ic, c, rt, 'post_upgrade', sender, arg);
        if (post.ran) instructions += rt.instructions();
        if (post.trap) {
            oldRt.rollback();
            c.stable.rollback();
            fail('post_upgrade', post.trap);
        }
        c.stable.commit();
        applyHookEffects(c, post.execution);
    } else {
        const rt = ic.newRuntime(c, prepared);
        c.stable = new StableMemory();
        c.stable.begin();
        c.module = prepared;
        c.runtime = rt;
        c.timerDeadline = 0n;
        c.certifiedData = new Uint8Array(0);
        const init = runHook(ic, c, rt, 'init', sender, arg);
        if (init.ran) instructions += rt.instructions();
        if (init.trap) fail('init', init.trap);
        if (mode === 'reinstall') ic.dropCallContexts(c, 'Canister has been reinstalled');
        c.stable.commit();
        applyHookEffects(c, init.execution);
    }
    c.runtime!.commit();
    c.dirty = true;
    return instructions;
}

function applyHookEffects(c: Canister, e: Execution): void {
    c.cycles = e.cycles;
    if (e.certifiedData !== null) c.certifiedData = e.certifiedData;
    if (e.timerDeadline !== null) c.timerDeadline = e.timerDeadline;
    c.version++;
}

export function uninstallCode(ic: Pick<InstallHost, 'dropCallContexts'>, c: Canister): void {
    ic.dropCallContexts(c, 'Canister has been uninstalled');
    c.module = null;
    c.runtime = null;
    c.stable = new StableMemory();
    c.timerDeadline = 0n;
    c.certifiedData = new Uint8Array(0);
    c.version++;
    c.dirty = true;
}
