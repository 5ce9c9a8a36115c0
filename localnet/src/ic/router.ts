// Moving messages: the queue, call contexts and their answers, the ingress history. The router
// half of the IC core (local_ic.ts is the facade, engine.ts runs one message).
import type { Principal } from '@dfinity/principal';

import { RejectCode, type RequestStatus } from '../types.js';
import { reject } from './errors.js';
import type { CanisterTrap, Execution } from './execution.js';
import { MANAGEMENT_CANISTER_ID } from './ids.js';
import { IngressHistory } from './ingress_history.js';
import type { CallContext, Canister, Message, Origin, Response } from './state.js';

export class CallRouter {
    queue: Message[] = [];
    readonly ingress = new IngressHistory();
    private nextCallContextId = 1;

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

    trapResponse(c: Canister, trap: CanisterTrap): Response {
        return reject(RejectCode.CanisterError, trap.errorCode, `Error from Canister ${c.id.toText()}: ${trap.description}`);
    }

    /** Sends the response of a call context to its origin. */
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
            this.ingress.record(origin.requestId, { status, instructions });
        } else if (origin.kind === 'canister') {
            this.queue.push({ kind: 'response', to: origin.canister, from, callbackId: origin.callbackId, response, refund });
        }
    }

    /** Closes a call context when nothing is outstanding; answers it if the canister did not. */
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

    /** Applies the tentative effects of a successful replicated execution; queues its calls. */
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
}
