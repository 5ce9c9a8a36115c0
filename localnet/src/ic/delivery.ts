// Executing messages: requests (ingress and inter-canister) on their target's update or query
// export, responses through the caller's callback table entries (with call_on_cleanup after a
// trapping callback), system tasks (global timer, heartbeat), inspect_message, and queries.
import { RejectCode, type CallOutcome, type IngressMessage } from '../types.js';
import { reject } from './errors.js';
import { newExecution } from './execution.js';
import { MANAGEMENT_CANISTER_ID, isManagement } from './ids.js';
import { fetchCanisterLogs } from './management_status.js';
import type { DeliveryHost, ExecutionHost, Router } from './host.js';
import type { Canister, Message, Response } from './state.js';

/** A request to a canister (the management canister's are handled by management.ts). */
export function deliverRequest(ic: DeliveryHost, m: Extract<Message, { kind: 'request' }>): void {
    const c = ic.canister(m.to);
    const unavailable = ic.unavailable(m.to, c);
    if (unavailable) {
        ic.route(m.origin, m.to, unavailable, m.cycles, 0n);
        return;
    }
    const target = ic.methodExport(c!, m.method);
    if (!target) {
        ic.route(
            m.origin,
            m.to,
            reject(
                RejectCode.CanisterError,
                'IC0536',
                `Error from Canister ${m.to.toText()}: Canister has no update method '${m.method}'.`
            ),
            m.cycles,
            0n
        );
        return;
    }
    const canister = c!;
    const ctx = ic.newCallContext(m.origin, m.from, m.method, m.cycles);
    canister.openContexts.add(ctx);
    const e = newExecution(canister, target.kind, {
        runtime: canister.runtime!,
        caller: m.from,
        methodName: m.method,
        arg: m.arg,
        callContext: ctx,
        cyclesAvailable: m.cycles,
        timeNs: ic.clock.nowNs(),
        deadline: m.deadline ?? 0n,
        instructionLimit: target.kind === 'update' ? ic.limits.update : ic.limits.query
    });
    const discard = target.kind === 'replicated_query';
    const { trap } = ic.execute(e, () => e.runtime.callExport(target.name), discard);
    if (trap === null) {
        if (!discard) ic.applyEffects(e);
        else ctx.cyclesAvailable = e.cyclesAvailable;
        if (e.response) ic.respond(canister, ctx, e.response);
    }
    ic.closeIfDone(canister, ctx, trap);
}

export function deliverResponse(ic: DeliveryHost, m: Extract<Message, { kind: 'response' }>): void {
    const c = ic.canister(m.to);
    if (!c) return;
    const callback = c.callbacks.get(m.callbackId);
    if (!callback) return;
    c.callbacks.delete(m.callbackId);
    c.cycles += m.refund;
    c.dirty = true;
    const ctx = callback.callContext;
    ctx.outstanding--;
    if (ctx.deleted || !c.runtime) {
        ic.closeIfDone(c, ctx, null);
        return;
    }
    const isReply = m.response.kind === 'reply';
    const e = newExecution(c, isReply ? 'reply' : 'reject', {
        runtime: c.runtime,
        caller: ctx.caller,
        methodName: ctx.methodName,
        arg: m.response.kind === 'reply' ? m.response.data : new Uint8Array(0),
        reject: m.response.kind === 'reject' ? { code: m.response.code, message: m.response.message } : null,
        callContext: ctx,
        cyclesAvailable: ctx.cyclesAvailable,
        cyclesRefunded: m.refund,
        timeNs: ic.clock.nowNs(),
        deadline: callback.deadline ?? 0n,
        instructionLimit: ic.limits.update
    });
    const fun = isReply ? callback.replyFun : callback.rejectFun;
    const env = isReply ? callback.replyEnv : callback.rejectEnv;
    const { trap } = ic.execute(e, () => e.runtime.callTable(fun, env));
    if (trap === null) {
        ic.applyEffects(e);
        if (e.response) ic.respond(c, ctx, e.response);
    } else if (callback.cleanup) {
        const cleanup = callback.cleanup;
        const ce = newExecution(c, 'cleanup', {
            runtime: c.runtime,
            caller: ctx.caller,
            methodName: ctx.methodName,
            callContext: ctx,
            cyclesAvailable: ctx.cyclesAvailable,
            timeNs: e.timeNs,
            instructionLimit: ic.limits.update
        });
        const r = ic.execute(ce, () => ce.runtime.callTable(cleanup.fun, cleanup.env));
        if (r.trap === null) {
            c.version++;
            if (ce.timerDeadline !== null) c.timerDeadline = ce.timerDeadline;
        }
    }
    ic.closeIfDone(c, ctx, trap);
}

/** canister_global_timer / canister_heartbeat: a system task with its own call context. */
export function runSystemTask(ic: ExecutionHost & Router, c: Canister, exportName: 'canister_global_timer' | 'canister_heartbeat'): void {
    if (!c.module?.functionExports.has(exportName)) return;
    const ctx = ic.newCallContext({ kind: 'system' }, MANAGEMENT_CANISTER_ID, exportName, 0n);
    c.openContexts.add(ctx);
    const e = newExecution(c, 'timer', {
        runtime: c.runtime!,
        caller: MANAGEMENT_CANISTER_ID,
        methodName: exportName,
        callContext: ctx,
        timeNs: ic.clock.nowNs(),
        instructionLimit: ic.limits.update
    });
    const { trap } = ic.execute(e, () => e.runtime.callExport(exportName));
    if (trap === null) ic.applyEffects(e); // a trap is in the canister log (engine.ts)
    ic.closeIfDone(c, ctx, trap);
}

/** Runs canister_inspect_message; returns the reject when the message is refused. */
export function inspectIngress(ic: ExecutionHost & Pick<Router, 'trapResponse'>, c: Canister, message: IngressMessage): Response | null {
    const e = newExecution(c, 'inspect', {
        runtime: c.runtime!,
        caller: message.sender,
        methodName: message.methodName,
        arg: message.arg,
        timeNs: ic.clock.nowNs(),
        instructionLimit: ic.limits.query
    });
    const { trap } = ic.execute(e, () => e.runtime.callExport('canister_inspect_message'), true);
    if (trap) return ic.trapResponse(c, trap);
    if (!e.accepted) {
        return reject(
            RejectCode.CanisterReject,
            'IC0406',
            `Error from Canister ${c.id.toText()}: Canister rejected the message`
        );
    }
    return null;
}

/** A query: executed at once on the current state, always rolled back. */
export function executeQuery(ic: DeliveryHost, message: IngressMessage): CallOutcome {
    const done = (o: CallOutcome): CallOutcome => o;
    const rejected = (r: Response, instructions = 0n): CallOutcome =>
        r.kind === 'reject'
            ? { status: 'rejected', rejectCode: r.code, rejectMessage: r.message, errorCode: r.errorCode, instructions }
            : { status: 'replied', reply: r.data, instructions };
    if (isManagement(message.canisterId) && message.methodName === 'fetch_canister_logs') {
        return rejected(fetchCanisterLogs((id) => ic.canister(id), message.sender, message.arg));
    }
    if (isManagement(message.canisterId)) {
        return done(
            rejected(reject(RejectCode.CanisterReject, 'IC0407', `Management canister has no query method '${message.methodName}'`))
        );
    }
    const builtin = ic.builtin(message.canisterId);
    if (builtin) return rejected(builtin.query(message.sender, message.methodName, message.arg));
    const c = ic.canister(message.canisterId);
    const unavailable = ic.unavailable(message.canisterId, c);
    if (unavailable) return done(rejected(unavailable));
    const canister = c!;
    const m = canister.module!;
    const name = m.functionExports.has(`canister_query ${message.methodName}`)
        ? `canister_query ${message.methodName}`
        : m.functionExports.has(`canister_composite_query ${message.methodName}`)
          ? `canister_composite_query ${message.methodName}`
          : null;
    if (!name) {
        return done(
            rejected(
                reject(
                    RejectCode.CanisterError,
                    'IC0536',
                    `Error from Canister ${canister.id.toText()}: Canister has no query method '${message.methodName}'.`
                )
            )
        );
    }
    const ctx = ic.newCallContext({ kind: 'system' }, message.sender, message.methodName, 0n);
    const e = newExecution(canister, 'query', {
        runtime: canister.runtime!,
        caller: message.sender,
        methodName: message.methodName,
        arg: message.arg,
        callContext: ctx,
        timeNs: ic.clock.nowNs(),
        instructionLimit: ic.limits.query
    });
    const { trap, instructions } = ic.execute(e, () => e.runtime.callExport(name), true);
    if (trap) return done(rejected(ic.trapResponse(canister, trap), instructions));
    if (!e.response) {
        return done(
            rejected(
                reject(RejectCode.CanisterError, 'IC0506', `Error from Canister ${canister.id.toText()}: Canister did not reply to the call`),
                instructions
            )
        );
    }
    return done(rejected(e.response, instructions));
}
