// The canister's single keeper instance, its timers, and what other domains (trust) may use.
import { canisterSelf, performanceCounter, setTimer, setTimerInterval, time } from 'azle';

import type { OfferingHook, TrustScoreHook } from '../catalog/exports';
import type { Contract, Status } from '../kernel/records';
import { NS_PER_MINUTE, NS_PER_SECOND } from '../kernel/time';
import { RETRY_AFTER_NS, type StatusHook } from '../escrow/exports';
import { Market } from './market';
import { icpayGateway } from './icpay';
import { icrcLedger } from './ledger';
import { stableStore } from './storage';

const statusHooks: StatusHook[] = [];
const offeringHooks: OfferingHook[] = [];
let instance: Market | null = null;

/** The keeper over the stable maps (created on first use; derived indexes rebuilt by `loadMarket`). */
export function market(): Market {
    if (instance === null) instance = new Market(stableStore(), icrcLedger, () => time(), '', statusHooks, offeringHooks);
    return instance;
}

/** Called from init/postUpgrade: binds the canister id and the timer; postUpgrade then rebuilds derived state. */
export function loadMarket(): Market {
    const m = market();
    m.self = canisterSelf().toText();
    m.onDueChanged = (at) => armAt(at);
    m.instructionsUsed = () => performanceCounter(0);
    m.escrow.icpay = icpayGateway;
    return m;
}

// ------------------------------------------------------------------ timers
// One-shot timers at the earliest due time, plus an hourly safety interval. A run settles one
// batch; if more are due it continues at once in a follow-up timer message. Missed runs need no
// catch-up: settlement is cumulative.
//
// Timers are never cleared: in Azle 0.33 `clearTimer` on a pending one-shot timer drops its Rust
// closure, whose cleanup re-enters the JS runtime and panics ("already borrowed"), leaving the
// canister unusable. Instead a new timer is added only when it is earlier than every pending
// one, and a timer that fires with nothing due costs one cheap run.

const pending = new Set<bigint>();
let intervalArmed = false;
/** When the running timer run started (null: none). A run whose callback trapped leaves it set: it expires. */
let runningSince: bigint | null = null;
const RUN_STALE_NS = 10n * NS_PER_MINUTE;

function earliestPending(): bigint | null {
    let min: bigint | null = null;
    for (const p of pending) if (min === null || p < min) min = p;
    return min;
}

function armAt(at: bigint): void {
    const min = earliestPending();
    if (min !== null && min <= at) return;
    const now = time();
    const delay = at > now ? Number((at - now + NS_PER_SECOND - 1n) / NS_PER_SECOND) : 0;
    pending.add(at);
    setTimer(delay, () => tick(at));
}

/** Other domains' due work run by the same timer (trust's wake-ups): a bounded batch a run. */
export interface TimerJob {
    /** Runs one bounded batch of what is due; returns how many remain due. */
    run(): number;
    /** The earliest due time (nanoseconds), or null. */
    next(): bigint | null;
}
const timerJobs: TimerJob[] = [];

/** Registers a job run on each timer run, after the market's settlements. */
export function onTimer(job: TimerJob): void {
    timerJobs.push(job);
}

/** A job's new earliest due time: the timer fires then (no-op when an earlier run is pending). */
export function armTimerAt(at: bigint): void {
    armAt(at);
}

async function tick(at: bigint): Promise<void> {
    pending.delete(at);
    if (runningSince !== null && time() - runningSince < RUN_STALE_NS) return;
    runningSince = time();
    const m = market();
    let remaining = 0;
    try {
        for (const job of timerJobs) remaining += job.run();
        const r = await m.runDue();
        remaining += r.remaining;
        await m.retryInFlight(20);
    } finally {
        runningSince = null;
        rearm(remaining > 0);
    }
}

function rearm(now: boolean): void {
    const m = market();
    const t = time();
    const next = now ? t : earliest([m.due.peek(), ...timerJobs.map((j) => j.next())]);
    const retry = m.inFlightCount > 0 ? t + RETRY_AFTER_NS : null;
    const at = next === null ? retry : retry === null || next < retry ? next : retry;
    if (at !== null) armAt(at);
}

function earliest(times: (bigint | null)[]): bigint | null {
    let min: bigint | null = null;
    for (const x of times) if (x !== null && (min === null || x < min)) min = x;
    return min;
}

/** Arms the due-time timer and the hourly safety interval (init and postUpgrade: timers do not survive upgrades). */
export function armTimers(): void {
    pending.clear();
    if (!intervalArmed) {
        intervalArmed = true;
        setTimerInterval(3600, () => armAt(time()));
    }
    rearm(market().inFlightCount > 0);
}

export function schedulerState() {
    const m = market();
    return { dueContracts: m.due.size, nextDue: m.due.peek(), inFlightTransfers: m.inFlightCount, timerArmedAt: earliestPending() };
}

// ------------------------------------------------------------------ for the trust domain (H6)

/** Registers a hook called after every contract creation (from = null) and status change (after the record is saved). */
export function onContractStatusChange(hook: (contract: Contract, from: Status | null) => void): void {
    statusHooks.push(hook);
}

const upgradeHooks: (() => void)[] = [];

/** Registers a hook run in postUpgrade after the market's state is rebuilt (migrations of other domains). */
export function onPostUpgrade(hook: () => void): void {
    upgradeHooks.push(hook);
}

export function runPostUpgradeHooks(): void {
    for (const h of upgradeHooks) h();
}

/** Registers a hook called after an offering is created or updated (after the record is saved). */
export function onOfferingChange(hook: OfferingHook): void {
    offeringHooks.push(hook);
}

/** Lets the trust domain supply provider scores for the search filter `minTrustScore`. */
export function setTrustScoreHook(hook: TrustScoreHook): void {
    market().trustScore = hook;
}
