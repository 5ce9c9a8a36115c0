// Trust's planners by message: each reads a TrustView (and the market's reads) and returns the
// Effects to apply, or a typed error and nothing at all.
import type { Nanos } from '../../kernel/time';
import { ok, type Result } from '../../kernel/result';
import type { FeedbackAnswer, Feedback } from '../domain/feedback';
import type { ContractView } from '../ports';
import { runBatch, type BatchOutcome, type BatchSpec } from './batch';
import { onStatusChange } from './contracts';
import { Draft, type Plan } from './effects';
import { submitFeedback } from './feedback';
import { offeringTrust, refreshMarket } from './market';
import { declareMonitor, removeMonitor } from './monitors';
import { planMigration, planSetReporter } from './reporters';
import { planScores } from './scores';
import { settleSla } from './sla';
import type { DeclaredMonitor, ReporterRole, SlaRecord } from './state';
import type { MarketReads, TrustView } from './view';

export interface Planning {
    view: TrustView;
    market: MarketReads;
    at: Nanos;
}

/** Runs `body` over a fresh Draft; on Ok adds the touched providers' scores and certified summaries. */
export function plan<T>(p: Planning, cause: string, body: (d: Draft) => Result<T>): Result<Plan<T>> {
    const d = new Draft(p.view, p.market, p.at);
    const r = body(d);
    if ('Err' in r) return r;
    planScores(d, cause);
    return ok(d.done(r.Ok));
}

export const planBatch = <T extends { id: string }>(p: Planning, caller: string, items: readonly T[], spec: BatchSpec<T>): Result<Plan<BatchOutcome>> =>
    plan(p, spec.kind, (d) => runBatch(d, caller, items, spec));

/** The market's status hook: counters, then the SLA periods the change made due. */
export const planStatusChange = (p: Planning, contract: ContractView): Result<Plan<SlaRecord[]>> =>
    plan(p, 'contract', (d) => {
        onStatusChange(d, contract);
        return ok(settleSla(d, contract));
    });

/** The SLA periods due on these contracts (unknown ids are skipped). */
export const planSettle = (p: Planning, ids: readonly string[]): Result<Plan<SlaRecord[]>> =>
    plan(p, 'sla', (d) => {
        const out: SlaRecord[] = [];
        for (const id of new Set(ids)) {
            const v = d.contractView(id);
            if ('Ok' in v) out.push(...settleSla(d, v.Ok));
        }
        return ok(out);
    });

export const planOffering = (p: Planning, offeringId: string): Result<Plan<true>> =>
    plan(p, 'offering', (d) => {
        const o = d.market.offering(offeringId);
        if (o !== undefined) offeringTrust(d, o);
        return ok(true);
    });

export const planFeedback = (p: Planning, caller: string, contractId: string, answer: FeedbackAnswer): Result<Plan<Feedback>> =>
    plan(p, 'feedback', (d) => submitFeedback(d, caller, contractId, answer));

export const planDeclareMonitor = (p: Planning, caller: string, contractId: string, monitor: string): Result<Plan<DeclaredMonitor[]>> =>
    plan(p, 'monitors', (d) => declareMonitor(d, caller, contractId, monitor));

export const planRemoveMonitor = (p: Planning, caller: string, contractId: string, monitor: string): Result<Plan<DeclaredMonitor[]>> =>
    plan(p, 'monitors', (d) => removeMonitor(d, caller, contractId, monitor));

/** Time-raised changes: the due providers' scores, summaries and next wake-ups, recomputed. */
export const planWake = (p: Planning, providers: readonly string[]): Result<Plan<number>> =>
    plan(p, 'time', (d) => {
        for (const id of providers) d.touched.add(id);
        return ok(providers.length);
    });

export const planRefreshMarket = (p: Planning): Result<Plan<number>> => plan(p, 'market', (d) => ok(refreshMarket(d)));

export const planReporterMigration = (p: Planning): Result<Plan<true>> => plan(p, 'reporters', planMigration);

export const planReporter = (p: Planning, by: { caller: string; isController: boolean }, principal: string, roles: readonly ReporterRole[]): Result<Plan<true>> =>
    plan(p, 'reporters', (d) => planSetReporter(d, by, principal, roles));
