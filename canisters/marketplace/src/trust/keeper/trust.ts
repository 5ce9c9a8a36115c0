// The trust keeper: one method per message. Each loads into a staging context, applies the pure
// domain, records score changes of the providers it touched, and commits once — or, on an error,
// commits nothing.
import type { Feedback, FeedbackAnswer } from '../domain/feedback';
import { ok, type Result } from '../../kernel/result';
import { toSeconds, type Nanos } from '../../kernel/time';
import { unauthorized } from '../../kernel/error';
import { contractSilentSince } from '../domain/silence';
import { summarize } from '../domain/responsiveness';
import { computeScore } from '../domain/score/score';
import type { BenchmarkReport, ConversationEventReport, UptimeReport } from '../domain/validate';
import type { ContractView, MarketReader } from '../ports';
import { runBatch, type BatchOutcome, type BatchSpec } from './batch';
import { benchmarkBatch } from './benchmarks';
import { Ctx } from './context';
import { onStatusChange } from './contracts';
import { conversationBatch, responseTarget } from './conversation';
import { submitFeedback } from './feedback';
import { MarketView, offeringTrust, refreshMarket } from './market';
import { contractIncidents, listingCard, providerProfile, recentHistory, scoreInput, uptimeWindows, type ListingCard, type ProviderProfile } from './profile';
import { declareMonitor, removeMonitor } from './monitors';
import { migrateLegacy, requireRole, setReporter } from './reporters';
import { recentSla, settleSla } from './sla';
import { emptyProviderTrust, normaliseProvider, seqKey, type DeclaredMonitor, type ProviderTrust, type Reporter, type ReporterRole, type ScoreEntry, type SignalLogEntry, type SlaRecord, type TrustStore } from './state';
import { commitAll } from './tx';
import { certifySummary, rootHash, witnessFor, type Witnessed } from '../certify/summaries';
import { summaryOf } from './summary';
import { uptimeBatch } from './uptime';

export const MAX_CARDS = 100;
export const EVENTS_SHOWN = 20;
export const SLA_SHOWN = 30;

export class TrustKeeper {
    constructor(
        readonly store: TrustStore,
        readonly market: MarketReader,
        /** The canister's time (nanoseconds); the trust domain counts in seconds of it (`now`). */
        readonly clock: () => Nanos,
        /** Sets the canister's certified data (a no-op outside a canister). */
        readonly certify: (root: Uint8Array) => void = () => {}
    ) {}

    /** Seconds of the canister's time: the trust domain's unit inside its rules. */
    private now(): number {
        return toSeconds(this.clock());
    }

    private run<T>(cause: string, body: (ctx: Ctx) => Result<T>): Result<T> {
        const at = this.clock();
        const ctx = new Ctx(this.store, this.market, toSeconds(at), at);
        const r = body(ctx);
        if ('Err' in r) return r;
        const certified = this.recordScores(ctx, cause);
        commitAll(ctx.tx);
        if (certified) this.certify(this.certifiedRoot());
        return r;
    }

    /** Re-certifies each touched provider's summary and appends a score entry when its score changed. */
    private recordScores(ctx: Ctx, cause: string): boolean {
        const view = new MarketView(ctx.tx.offerings, ctx.tx.market);
        let certified = false;
        for (const id of ctx.touched) {
            const p = ctx.provider(id);
            const b = computeScore(scoreInput(p, ctx.now, this.market, view));
            if (certifySummary(ctx.tx.certified, summaryOf(p, b, ctx.now), ctx.at)) certified = true;
            if (b.score === p.lastScore) continue;
            ctx.tx.history.put(seqKey(id, p.historyLen), { at: ctx.now, score: b.score, raw: b.raw, cause });
            ctx.tx.providers.put(id, { ...p, historyLen: p.historyLen + 1, lastScore: b.score });
            ctx.tx.scores.put(id, b.score);
        }
        return certified;
    }

    /** The root hash of the certified summaries (set as certified data after each change and on upgrade). */
    certifiedRoot(): Uint8Array {
        return rootHash(this.store.certified);
    }

    certifiedSummary(provider: string): Witnessed | null {
        return witnessFor(this.store.certified, provider);
    }

    private batch<T extends { id: string; contractId?: string }>(caller: string, items: readonly T[], spec: BatchSpec<T>): Result<BatchOutcome> {
        const r = this.run(spec.kind, (ctx) => runBatch(ctx, caller, items, spec));
        if (('Ok' in r) && spec.kind === 'uptime') this.settleContracts(items.map((i) => i.contractId ?? ''));
        return r;
    }

    /** Sets a principal's roles in the market's single reporter list (controllers only; empty = removed). */
    setReporter(by: { caller: string; isController: boolean }, principal: string, roles: readonly ReporterRole[]): Result<Reporter[]> {
        return setReporter(this.market, by, principal, roles);
    }

    /** Upgrade from the layout with trust's own reporter list: merges it into the market's, then empties it. */
    migrateReporters(): void {
        if (migrateLegacy(this.store.reporters.get('reporters'), this.market)) this.store.reporters.put('reporters', {});
    }

    /** The latest recorded score (no recomputation): for filters over many offerings. */
    latestScore(provider: string): number | null {
        return this.store.scores.get(provider) ?? null;
    }

    reporters(): Reporter[] {
        return this.market.reporters();
    }

    submitConversationEvents(caller: string, events: readonly ConversationEventReport[]): Result<BatchOutcome> {
        return this.batch(caller, events, conversationBatch);
    }

    submitUptime(caller: string, reports: readonly UptimeReport[]): Result<BatchOutcome> {
        return this.batch(caller, reports, uptimeBatch);
    }

    submitBenchmarks(caller: string, items: readonly BenchmarkReport[]): Result<BatchOutcome> {
        return this.batch(caller, items, benchmarkBatch);
    }

    declareMonitor(caller: string, contractId: string, monitor: string): Result<DeclaredMonitor[]> {
        return this.run('monitors', (ctx) => declareMonitor(ctx, caller, contractId, monitor));
    }

    removeMonitor(caller: string, contractId: string, monitor: string): Result<DeclaredMonitor[]> {
        return this.run('monitors', (ctx) => removeMonitor(ctx, caller, contractId, monitor));
    }

    /** The platform's monitors (assigned to every contract) and the declared ones. */
    contractMonitors(contractId: string): { platform: string[]; declared: DeclaredMonitor[] } {
        const platform = this.market.reporters().filter((r) => r.roles.includes('monitor')).map((r) => r.principal);
        return { platform, declared: this.store.monitors.get(contractId) ?? [] };
    }

    submitFeedback(caller: string, contractId: string, answer: FeedbackAnswer): Result<Feedback> {
        return this.run('feedback', (ctx) => submitFeedback(ctx, caller, contractId, answer));
    }

    /**
     * Market hook: called in the same message after a contract was created or its status changed.
     * `view` is the saved record's view when the caller has it (saves a stable read).
     */
    contractChanged(contractId: string, view?: ContractView): void {
        // An unpaid contract is no evidence and never started (no SLA): no staging at all.
        if (view !== undefined && !view.paid && view.startedAt === null) return;
        this.run('contract', (ctx) => {
            const v = view !== undefined ? ok(view) : ctx.contractView(contractId);
            if ('Ok' in v) {
                onStatusChange(ctx, v.Ok);
                settleSla(ctx, v.Ok);
            }
            return ok(true);
        });
    }

    /** Market hook: an offering was created or its spec/price changed (market price index). */
    offeringChanged(offeringId: string): void {
        this.run('offering', (ctx) => {
            const o = ctx.market.offering(offeringId);
            if (o !== undefined) offeringTrust(ctx, o);
            return ok(true);
        });
    }

    settleSla(contractIds: readonly string[]): Result<SlaRecord[]> {
        return ok(this.settleContracts(contractIds));
    }

    private settleContracts(ids: readonly string[]): SlaRecord[] {
        const r = this.run('sla', (ctx) => {
            const out: SlaRecord[] = [];
            for (const id of new Set(ids)) {
                const v = ctx.contractView(id);
                if ('Ok' in v) out.push(...settleSla(ctx, v.Ok));
            }
            return ok(out);
        });
        return ('Ok' in r) ? r.Ok : [];
    }

    /** Re-reads every offering: controllers and relays only, its cost grows with the number of offerings. */
    refreshMarket(by: { caller: string; isController: boolean }): Result<number> {
        if (!by.isController && 'Err' in requireRole(this.market, by.caller, 'relay')) {
            return unauthorized('refreshMarket', 'only controllers and relays refresh the market');
        }
        return this.run('market', (ctx) => ok(refreshMarket(ctx)));
    }

    // ---------------------------------------------------------------- queries

    /** A registered provider without any signal yet is shown with the prior score ("new"). */
    private providerTrust(provider: string): ProviderTrust | null {
        const p = this.store.providers.get(provider);
        if (p !== undefined) return normaliseProvider(p, this.now()).provider;
        return this.market.provider(provider) === undefined ? null : emptyProviderTrust(provider);
    }

    providerProfile(provider: string, historyLimit = 10): ProviderProfile | null {
        const p = this.providerTrust(provider);
        return p === null ? null : providerProfile(this.store, this.market, p, this.now(), historyLimit);
    }

    scoreHistory(provider: string, limit: number): ScoreEntry[] {
        const p = this.store.providers.get(provider);
        return p === undefined ? [] : recentHistory(this.store.history, p, limit);
    }

    listingCards(providers: readonly string[]): ListingCard[] {
        const now = this.now();
        const view = new MarketView(this.store.offerings, this.store.market);
        return providers.slice(0, MAX_CARDS).flatMap((id) => {
            const p = this.providerTrust(id);
            return p === null ? [] : [listingCard(p, now, this.market, view)];
        });
    }

    contractSignals(contractId: string) {
        const v = this.market.contract(contractId);
        const c = this.store.contracts.get(contractId);
        if (v === undefined || c === undefined) return null;
        const now = this.now();
        const target = responseTarget(new Ctx(this.store, this.market, now, this.clock()), v.offeringId);
        const events: SignalLogEntry[] = [];
        for (let i = c.events - 1; i >= 0 && events.length < EVENTS_SHOWN; i--) {
            const e = this.store.events.get(seqKey(contractId, i));
            if (e !== undefined) events.push(e);
        }
        return {
            contract: c,
            responseTargetSeconds: target,
            silentSince: contractSilentSince(c.conversation.waitingSince, target, now),
            responsiveness: summarize(c.responsiveness),
            uptime: uptimeWindows(c.uptime, now),
            incidents: contractIncidents(c),
            sla: recentSla(this.store.sla, c, SLA_SHOWN),
            feedback: this.store.feedback.get(contractId) ?? null,
            recentEvents: events
        };
    }
}
