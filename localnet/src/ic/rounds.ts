// One round of the subnet: idle charges, heartbeats, due global timers, then the queued messages
// and the messages they produce (up to MAX_INNER_ROUNDS), as PocketIC's tick does.
import { RejectCode } from '../types.js';
import { reject } from './errors.js';
import { deliverRequest, deliverResponse, runSystemTask } from './delivery.js';
import { memoryFee, type CostSchedule } from './fees.js';
import type { DeliveryHost } from './host.js';
import { isManagement } from './ids.js';
import type { Canister, Message } from './state.js';

/** Inner rounds per tick: messages produced during a round run in the same round (subnet-local). */
const MAX_INNER_ROUNDS = 100;

export interface RoundHost extends DeliveryHost {
    readonly canisters: Map<string, Canister>;
    readonly costSchedule: CostSchedule;
    /** Takes the queued messages (the queue is empty afterwards). */
    takeQueue(): Message[];
    readonly queueLength: number;
    handleManagement(m: Extract<Message, { kind: 'request' }>): void;
    /** After a host failure: no execution is running any more. */
    clearCurrent(): void;
}

/** Runs one round; returns the number of executions. `lastChargeNs` is the previous idle charge. */
export function runRound(host: RoundHost, lastChargeNs: bigint): { executed: number; chargedAtNs: bigint } {
    const chargedAtNs = chargeIdle(host, lastChargeNs);
    let executed = 0;
    for (const c of [...host.canisters.values()]) {
        if (c.status === 'running' && c.runtime?.hasExport('canister_heartbeat')) {
            runSystemTask(host, c, 'canister_heartbeat');
            executed++;
        }
    }
    for (const c of dueTimers(host.canisters, host.clock.nowNs())) {
        c.timerDeadline = 0n;
        c.dirty = true;
        runSystemTask(host, c, 'canister_global_timer');
        executed++;
    }
    for (let inner = 0; inner < MAX_INNER_ROUNDS && host.queueLength > 0; inner++) {
        for (const m of host.takeQueue()) {
            deliver(host, m);
            executed++;
        }
    }
    return { executed, chargedAtNs };
}

export function dueTimers(canisters: Map<string, Canister>, now: bigint): Canister[] {
    const due: Canister[] = [];
    for (const c of canisters.values()) {
        if (c.status === 'running' && c.runtime && c.timerDeadline !== 0n && c.timerDeadline <= now) due.push(c);
    }
    return due;
}

/** Time of the earliest armed timer of a running canister, or null. */
export function nextTimerNs(canisters: Map<string, Canister>): bigint | null {
    let next: bigint | null = null;
    for (const c of canisters.values()) {
        if (c.status === 'running' && c.runtime && c.timerDeadline !== 0n) {
            if (next === null || c.timerDeadline < next) next = c.timerDeadline;
        }
    }
    return next;
}

/** 'normal' schedule: idle memory since the last round. Returns the time charged up to. */
function chargeIdle(host: RoundHost, lastChargeNs: bigint): bigint {
    const now = host.clock.nowNs();
    const elapsed = now - lastChargeNs;
    if (host.costSchedule !== 'normal' || elapsed <= 0n) return now;
    for (const c of host.canisters.values()) {
        const fee = memoryFee(c.memorySize, elapsed);
        if (fee === 0n) continue;
        c.cycles -= fee < c.cycles ? fee : c.cycles;
        c.dirty = true;
    }
    return now;
}

/** Executes one message. A host failure still answers the request: nothing waits forever. */
function deliver(host: RoundHost, m: Message): void {
    try {
        if (m.kind === 'response') deliverResponse(host, m);
        else if (isManagement(m.to)) host.handleManagement(m);
        else if (host.builtin(m.to)) host.route(m.origin, m.to, host.builtin(m.to)!.update(m), m.cycles, 0n);
        else deliverRequest(host, m);
    } catch (e) {
        host.clearCurrent();
        // The same form as a host error inside canister code (execution.ts `toTrap`).
        const what = m.kind === 'request' ? `'${m.method}' on ${m.to.toText()}` : `a response to ${m.to.toText()}`;
        const text = `Canister trapped: host error while executing ${what}: ${(e as Error).message ?? String(e)}`;
        console.error(`localnet: ${text}`);
        if (m.kind === 'request') host.route(m.origin, m.to, reject(RejectCode.CanisterError, 'IC0502', text), m.cycles, 0n);
    }
}
