// The trust keeper: one method per message. Each plans over the read-only trust view (plans.ts),
// and applies the effects once (apply.ts) — or, on an error, nothing.
import type { Feedback, FeedbackAnswer } from '../domain/feedback';
import { ok, type Result } from '../../kernel/result';
import { toSeconds, type Nanos } from '../../kernel/time';
import { unauthorized } from '../../kernel/error';
import { contractSilentSince } from '../domain/silence';
import { summarize } from '../domain/responsiveness';
import type { BenchmarkReport, ConversationEventReport, UptimeReport } from '../domain/validate';
import type { ContractView, MarketReader, ReporterView } from '../ports';
import { applyTrust, dropWakes } from './apply';
import type { BatchOutcome, BatchSpec } from './batch';
import { benchmarkBatch } from './benchmarks';
import { conversationBatch, responseTarget } from './conversation';
import type { Plan } from './effects';
import { MarketView } from './market';
import { contractIncidents, listingCard, providerProfile, recentHistory, uptimeWindows, type ListingCard, type ProviderProfile } from './profile';
import { planBatch, planDeclareMonitor, planFeedback, planOffering, planRefreshMarket, planRemoveMonitor, planReporter, planReporterMigration, planSettle, planStatusChange, planWake, type Planning } from './plans';
import { requireRole } from './reporters';
import { recentSla } from './sla';
import { emptyProviderTrust, normaliseProvider, seqKey, type DeclaredMonitor, type ProviderTrust, type ReporterRole, type ScoreEntry, type SignalLogEntry, type SlaRecord, type TrustStore } from './state';
import { rootHash, witnessFor, type Witnessed } from '../certify/summaries';
import { readView, type TrustView } from './view';
import { uptimeBatch } from './uptime';
import type { SortedKeys } from '../../kernel/kv';
import { dueWakes, memoryWakeIndex, parseWakeKey, WAKE_BATCH } from './wake';

export const MAX_CARDS = 100;
export const EVENTS_SHOWN = 20;
export const SLA_SHOWN = 30;

export class TrustKeeper {
    readonly view: TrustView;

    constructor(
        readonly store: TrustStore,
        readonly market: MarketReader,
        /** The canister's time (nanoseconds); the trust domain counts in seconds of it (`now`). */
        readonly clock: () => Nanos,
        /** Sets the canister's certified data (a no-op outside a canister). */
        readonly certify: (root: Uint8Array) => void = () => {},
        /** When each provider's flags next change with time alone (keeper/wake.ts). */
        readonly wakeups: SortedKeys = memoryWakeIndex()
    ) {
        this.view = readView(store);
    }

    /** Seconds of the canister's time: the trust domain's unit inside its rules. */
    private now(): number {
        return toSeconds(this.clock());
    }

    private planning(): Planning {
        return { view: this.view, market: this.market, at: this.clock() };
    }

    /** Applies a plan (nothing on an error). */
    private apply<T>(r: Result<Plan<T>>): Result<T> {
        if ('Err' in r) return r;
        applyTrust(this, r.Ok.effects);
        return ok(r.Ok.value);
    }

    /** Applies a settlement: its records come back with the market's answer to their credits. */
    private applySettled(r: Result<Plan<SlaRecord[]>>): SlaRecord[] {
        if ('Err' in r) return [];
        const credited = applyTrust(this, r.Ok.effects);
        return r.Ok.value.map((x) => credited.get(x) ?? x);
    }

    /** The root hash of the certified summaries (set as certified data after each change and on upgrade). */
    certifiedRoot(): Uint8Array {
        return rootHash(this.view.certified);
    }

    certifiedSummary(provider: string): Witnessed | null {
        return witnessFor(this.view.certified, provider);
    }

    private batch<T extends { id: string; contractId?: string }>(caller: string, items: readonly T[], spec: BatchSpec<T>): Result<BatchOutcome> {
        const r = this.apply(planBatch(this.planning(), caller, items, spec));
        if (('Ok' in r) && spec.kind === 'uptime') this.settleContracts(items.map((i) => i.contractId ?? ''));
        return r;
    }

    /** Sets a principal's roles in the market's single reporter list (controllers only; empty = removed). */
    setReporter(by: { caller: string; isController: boolean }, principal: string, roles: readonly ReporterRole[]): Result<ReporterView[]> {
        const r = this.apply(planReporter(this.planning(), by, principal, roles));
        return 'Ok' in r ? ok(this.market.reporters()) : r;
    }

    /** Upgrade from the layout with trust's own reporter list: merges it into the market's, then empties it. */
    migrateReporters(): void {
        this.apply(planReporterMigration(this.planning()));
    }

    /** The latest recorded score (no recomputation): for filters over many offerings. */
    latestScore(provider: string): number | null {
        return this.view.scores.get(provider) ?? null;
    }

    reporters(): ReporterView[] {
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
        return this.apply(planDeclareMonitor(this.planning(), caller, contractId, monitor));
    }

    removeMonitor(caller: string, contractId: string, monitor: string): Result<DeclaredMonitor[]> {
        return this.apply(planRemoveMonitor(this.planning(), caller, contractId, monitor));
    }

    /** The platform's monitors (assigned to every contract) and the declared ones. */
    contractMonitors(contractId: string): { platform: string[]; declared: DeclaredMonitor[] } {
        const platform = this.market.reporters().filter((r) => r.roles.includes('monitor')).map((r) => r.principal);
        return { platform, declared: this.view.monitors.get(contractId) ?? [] };
    }

    submitFeedback(caller: string, contractId: string, answer: FeedbackAnswer): Result<Feedback> {
        return this.apply(planFeedback(this.planning(), caller, contractId, answer));
    }

    /**
     * Market hook: called in the same message after a contract was created or its status changed.
     * `view` is the saved record's view when the caller has it (saves a stable read).
     */
    contractChanged(contractId: string, view?: ContractView): void {
        // An unpaid contract is no evidence and never started (no SLA): no planning at all.
        if (view !== undefined && !view.paid && view.startedAt === null) return;
        const v = view ?? this.market.contract(contractId);
        if (v !== undefined) this.applySettled(planStatusChange(this.planning(), v));
    }

    /** Market hook: an offering was created or its spec/price changed (market price index). */
    offeringChanged(offeringId: string): void {
        this.apply(planOffering(this.planning(), offeringId));
    }

    settleSla(contractIds: readonly string[]): Result<SlaRecord[]> {
        return ok(this.settleContracts(contractIds));
    }

    private settleContracts(ids: readonly string[]): SlaRecord[] {
        return this.applySettled(planSettle(this.planning(), ids));
    }

    /** The timer's run: recomputes the earliest due providers (a bounded batch); returns how many remain due, up to another batch. */
    wake(max = WAKE_BATCH): number {
        const now = this.now();
        const due = dueWakes(this.wakeups, now, max);
        if (due.length === 0) return 0;
        this.apply(planWake(this.planning(), due.map((w) => w.provider)));
        // Each woken provider's entry moved to its next deadline; one left behind (a stale entry) goes.
        dropWakes(this, due.map((w) => w.key));
        return dueWakes(this.wakeups, now, max).length;
    }

    /** The earliest wake-up (seconds), or null. */
    nextWake(): number | null {
        const [k] = this.wakeups.first(1);
        return k === undefined ? null : parseWakeKey(k).at;
    }

    /** Re-reads every offering: controllers and relays only, its cost grows with the number of offerings. */
    refreshMarket(by: { caller: string; isController: boolean }): Result<number> {
        if (!by.isController && 'Err' in requireRole(this.market, by.caller, 'relay')) {
            return unauthorized('refreshMarket', 'only controllers and relays refresh the market');
        }
        return this.apply(planRefreshMarket(this.planning()));
    }

    // ---------------------------------------------------------------- queries

    /** A registered provider without any signal yet is shown with the prior score ("new"). */
    private providerTrust(provider: string): ProviderTrust | null {
        const p = this.view.providers.get(provider);
        if (p !== undefined) return normaliseProvider(p, this.now()).provider;
        return this.market.provider(provider) === undefined ? null : emptyProviderTrust(provider);
    }

    providerProfile(provider: string, historyLimit = 10): ProviderProfile | null {
        const p = this.providerTrust(provider);
        return p === null ? null : providerProfile(this.view, this.market, p, this.now(), historyLimit);
    }

    scoreHistory(provider: string, limit: number): ScoreEntry[] {
        const p = this.view.providers.get(provider);
        return p === undefined ? [] : recentHistory(this.view.history, p, limit);
    }

    listingCards(providers: readonly string[]): ListingCard[] {
        const now = this.now();
        const view = new MarketView(this.view.offerings, this.view.market);
        return providers.slice(0, MAX_CARDS).flatMap((id) => {
            const p = this.providerTrust(id);
            return p === null ? [] : [listingCard(p, now, this.market, view)];
        });
    }

    contractSignals(contractId: string) {
        const v = this.market.contract(contractId);
        const c = this.view.contracts.get(contractId);
        if (v === undefined || c === undefined) return null;
        const now = this.now();
        const target = responseTarget(this.market, v.offeringId);
        const events: SignalLogEntry[] = [];
        for (let i = c.events - 1; i >= 0 && events.length < EVENTS_SHOWN; i--) {
            const e = this.view.events.get(seqKey(contractId, i));
            if (e !== undefined) events.push(e);
        }
        return {
            contract: c,
            responseTargetSeconds: target,
            silentSince: contractSilentSince(c.conversation.waitingSince, target, now),
            responsiveness: summarize(c.responsiveness),
            uptime: uptimeWindows(c.uptime, now),
            incidents: contractIncidents(c),
            sla: recentSla(this.view.sla, c, SLA_SHOWN),
            feedback: this.view.feedback.get(contractId) ?? null,
            recentEvents: events
        };
    }
}
