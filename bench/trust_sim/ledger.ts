// One provider's trust records in the simulation, driven only by the trust domain's pure rules
// (applyStatusChange, evidenceOf, stuck, computeScore): what the canister's keeper would store.
import { applyStatusChange, countPaidRequest } from '../../canisters/marketplace/src/trust/domain/contracts.js';
import { emptyContractStats, type ContractStats, type Payer, type Serving, type StatusChange, type TrustStatus } from '../../canisters/marketplace/src/trust/domain/contract_records.js';
import { evidenceOf, stuck } from '../../canisters/marketplace/src/trust/domain/evidence.js';
import { computeScore } from '../../canisters/marketplace/src/trust/domain/score/score.js';
import type { ScoreBreakdown, ScoreInput } from '../../canisters/marketplace/src/trust/domain/score/types.js';
import { DAY } from '../../canisters/marketplace/src/trust/domain/time.js';
import * as independence from '../../canisters/marketplace/src/trust/domain/independence.js';
import { Circles } from './circles.js';
import * as median from '../../canisters/marketplace/src/trust/domain/uptime/median.js';

// The rules of the old layout had no independence: every answer counted.
const isIndependent = (ind: number): boolean => (independence.isIndependent === undefined ? true : independence.isIndependent(ind));
// Rules before minutes were weighted counted every measured minute in full.
const minuteWeight = (ind: number, running: number): number => (independence.minuteWeight === undefined ? 1 : independence.minuteWeight(ind, running));
// Rules before the median tenant had no reach mass (the median is then skipped).
const reachMass = (ind: number, reach: number | undefined, running: number): number => (independence.reachMass === undefined ? 0 : independence.reachMass(ind, reach, running));

export const MONTH = 30 * DAY;

/** Each tenant's value-weighted paid months per provider (what the keeper's tenant table keeps). */
export class Tenants {
    /** Standing, circles and tracked providers (keeper/circles.ts); SIM_CIRCLES=off counts all history elsewhere. */
    readonly circles = process.env.SIM_CIRCLES === 'off' ? null : new Circles();
    private readonly months = new Map<string, Map<number, number>>();
    add(tenant: string, provider: number, m: number): void {
        const per = this.months.get(tenant) ?? new Map<number, number>();
        per.set(provider, (per.get(provider) ?? 0) + m);
        this.months.set(tenant, per);
    }
    /** Paid months of the tenant with every provider but `provider`. */
    elsewhere(tenant: string, provider: number): number {
        let s = 0;
        for (const [p, m] of this.months.get(tenant) ?? []) if (p !== provider) s += m;
        return s;
    }
}

export interface SimContract {
    id: string;
    tenant: string;
    provider: number;
    start: number;
    end: number;
    monthlyTokens: number;
    status: TrustStatus | null;
    startedAt: number | null;
    /** The platform measured the server (probed) while it ran. */
    measured: boolean;
    /** Minutes the platform measured down, of all it measured (the contract's own uptime). */
    downMinutes?: number;
    observedMinutes?: number;
}

/** As keeper/contracts.ts: the share of the contract's downtime budget (the sim's 99 % target) measured used. */
const budgetUsed = (c: SimContract): number => ((c.observedMinutes ?? 0) === 0 ? 0 : (c.downMinutes ?? 0) / (0.01 * c.observedMinutes!));

export class ProviderRecord {
    stats: ContractStats = emptyContractStats();
    readonly payers = new Map<string, Payer>();
    readonly serving = new Map<string, Serving>();
    readonly feedback = { matchedYes: 0, matchedNo: 0, againYes: 0, againNo: 0 };
    readonly answers = new Map<string, number>();
    /** Platform-measured [up, down] minutes per day index (a 30-day window is read). */
    readonly uptimeDays = new Map<number, [number, number]>();
    /** As keeper/uptime.ts: each contract's 30-day downtime share and its tenant's reach, by the day it was last measured. */
    readonly shares = new Map<string, { day: number; down: number[]; mass: number }>();
    measuredMinutes = 0;
    conversations = 0;
    /** The provider's last reply to a tenant's message on a running contract. */
    lastReply: number | null = null;
    breakdown: ScoreBreakdown | null = null;

    constructor(
        readonly id: number,
        readonly responseSecs: number,
        private readonly tenants: Tenants,
        /** Only one record of a twin writes the tenants' history. */
        private readonly writesHistory = true
    ) {}

    change(c: SimContract, to: TrustStatus, at: number): void {
        const stats = c.status === null ? countPaidRequest(this.stats) : this.stats;
        if (to === 'running') c.startedAt = at;
        const ch = {
            contractId: c.id, tenant: c.tenant, from: c.status, to, at, paid: true, startedAt: c.startedAt, plannedStart: c.start, plannedEnd: c.end,
            value: BigInt(Math.round(c.monthlyTokens * ((c.end - c.start) / MONTH) * 1e8)), monthlyTokens: c.monthlyTokens,
            elsewhereMonths: this.tenants.elsewhere(c.tenant, this.id), countedElsewhereMonths: this.tenants.circles?.counted(c.tenant, this.id, at), measuredSeconds: c.measured && c.startedAt !== null ? Math.max(0, Math.min(at, c.end) - c.startedAt) : 0,
            budgetUsed: budgetUsed(c)
        } satisfies StatusChange;
        const sv = this.serving.get(c.id);
        const out = applyStatusChange(stats, ch, sv, this.payers.get(c.tenant));
        if (this.writesHistory && out?.payer !== undefined) this.tenants.circles?.vouch(c.tenant, this.id, out.payer, out.serving, sv);
        this.stats = out?.stats ?? stats;
        if (out?.serving === null) this.serving.delete(c.id);
        else if (out?.serving !== undefined) this.serving.set(c.id, out.serving);
        if (out?.payer !== undefined) this.payers.set(c.tenant, out.payer);
        if (this.writesHistory && c.status === 'running' && c.startedAt !== null) this.tenants.add(c.tenant, this.id, (Math.max(0, Math.min(at, c.end) - c.startedAt) / MONTH) * Math.min(1, c.monthlyTokens));
        c.status = to;
    }

    /** As keeper/uptime.ts: the platform's minutes on a contract, weighted by its tenant's independence. */
    observe(day: number, tenant: string, up: number, down: number, contract = ''): void {
        const payer = this.payers.get(tenant);
        const w = minuteWeight(payer?.independence ?? 0, payer?.running ?? 1);
        const e = this.shares.get(contract) ?? { day, down: [], mass: 0 };
        // The sim's contracts are measured whole days: its last 30 are its 30-day window.
        this.shares.set(contract, { day, down: [...e.down, down / (up + down)].slice(-30), mass: reachMass(payer?.independence ?? 0, payer?.reach, payer?.running ?? 1) });
        const d = this.uptimeDays.get(day) ?? [0, 0];
        this.uptimeDays.set(day, [d[0] + up * w, d[1] + down * w]);
        this.measuredMinutes += up + down;
    }

    /** As keeper/feedback.ts: a tenant's first two answers count, if it is independent (when `independentOnly`). */
    answer(tenant: string, again: boolean, matched: boolean, independentOnly: boolean): void {
        const n = this.answers.get(tenant) ?? 0;
        this.answers.set(tenant, n + 1);
        if (n >= 2 || (independentOnly && !isIndependent(this.payers.get(tenant)?.independence ?? 0))) return;
        if (again) this.feedback.againYes++;
        else this.feedback.againNo++;
        if (matched) this.feedback.matchedYes++;
        else this.feedback.matchedNo++;
    }

    score(now: number): ScoreBreakdown {
        const today = Math.floor(now / DAY);
        let up = 0;
        let down = 0;
        for (let d = today - 29; d <= today; d++) {
            const v = this.uptimeDays.get(d);
            if (v !== undefined) [up, down] = [up + v[0], down + v[1]];
        }
        const measuredUp = up + down > 0 ? up : 0;
        if (median.medianShare !== undefined && process.env.SIM_MEDIAN !== 'off') {
            const sums = new Array<number>(median.HISTOGRAM_ARITY).fill(0);
            for (const e of this.shares.values()) {
                if (e.day < today - 29) continue;
                const share = e.down.reduce((a, b) => a + b, 0) / e.down.length;
                median.entryDelta({ day: e.day, bucket: median.shareBucket(share), mass: e.mass, share }, 1).forEach((v, k) => (sums[k]! += v));
            }
            [up, down] = median.countedMinutes(up, down, median.medianShare(sums), 9_900);
        }
        const c = this.stats;
        const st = stuck(c, now);
        const input = {
            now,
            contracts: { ...c, ...st, provisionedCredit: c.provisionedCredit ?? c.provisioned, freshCredit: c.freshCredit ?? 0, cancelWeight: c.cancelWeight ?? 0, earlyWeight: c.earlyWeight ?? 0, earlyTokens: c.earlyTokens ?? 0 },
            evidence: evidenceOf(c, now),
            feedback: { ...this.feedback, net90d: this.feedback.againYes - this.feedback.againNo },
            responsiveness: { firstResponseMedian: this.conversations > 0 ? this.responseSecs : null, firstResponseSamples: this.conversations, measured: 0, breaches: 0, silentSince: null, lastReplyAt: Math.max(c.lastActivityAt ?? 0, this.lastReply ?? 0) || null },
            uptime: up + down > 0 ? [{ offeringId: `${this.id}`, name: 'VPS', targetBps: 9_900, upMinutes: up, downMinutes: down, incidents: 0 }] : [],
            hasPublicContact: true,
            claimMismatches: [],
            cheapOfferings: [],
            measuredDays: measuredUp / 1_440
        } satisfies ScoreInput;
        this.breakdown = computeScore(input);
        return this.breakdown;
    }
}

/**
 * A provider's record as the market sees it (`real`) and the same record without any sybil's event
 * (`clean`): the counterfactual that tells what an attack bought, with the rest of the market fixed.
 */
export class Twin {
    readonly real: ProviderRecord;
    readonly clean: ProviderRecord;
    private readonly cleanContracts = new Map<string, SimContract>();

    constructor(id: number, responseSecs: number, tenants: Tenants) {
        this.real = new ProviderRecord(id, responseSecs, tenants);
        this.clean = new ProviderRecord(id, responseSecs, tenants, false);
    }

    change(c: SimContract, to: TrustStatus, at: number, sybil: boolean): void {
        if (!sybil) {
            const cc = this.cleanContracts.get(c.id) ?? { ...c };
            [cc.downMinutes, cc.observedMinutes] = [c.downMinutes, c.observedMinutes];
            this.cleanContracts.set(c.id, cc);
            this.clean.change(cc, to, at);
            if (to !== 'running' && to !== 'requested' && to !== 'accepted') this.cleanContracts.delete(c.id);
        }
        this.real.change(c, to, at);
    }

    observe(day: number, tenant: string, up: number, down: number, sybil: boolean, contract: string): void {
        if (!sybil) this.clean.observe(day, tenant, up, down, contract);
        if (!sybil || process.env.SIM_SYBIL_MINUTES !== 'skip') this.real.observe(day, tenant, up, down, contract);
    }

    answer(tenant: string, again: boolean, matched: boolean, sybil: boolean): void {
        if (!sybil) this.clean.answer(tenant, again, matched, true);
        this.real.answer(tenant, again, matched, true);
    }

    reply(at: number, sybil: boolean): void {
        if (!sybil) this.clean.lastReply = Math.max(this.clean.lastReply ?? 0, at);
        this.real.lastReply = Math.max(this.real.lastReply ?? 0, at);
    }

    /** A served contract's tenant writes: sybils send no messages, and without a voice (voice.ts) theirs would not be measured. */
    served(sybil: boolean): void {
        if (sybil) return;
        this.clean.conversations++;
        this.real.conversations++;
    }
}
