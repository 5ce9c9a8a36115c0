// Trust's entry methods: check the caller, convert the arguments, call the trust keeper, reply with a
// Result variant. Scoring and aggregation rules live in ./domain, their storage in ./keeper.
import { dataCertificate, IDL, isController, msgCaller, Principal, query, update } from 'azle';

import { caller, readsContract, settleable, type EntryBase } from '../root/caller';
import { MANUAL, sig } from '../platform/reply';
import { notFound } from '../kernel/error';
import * as C from './candid';
import {
    benchmarkFromCandid,
    eventFromCandid,
    historyCandid,
    opt,
    optNs,
    principal,
    roleOf,
    toCandid,
    uptimeFromCandid,
    type CandidBenchmark,
    type CandidEvent,
    type CandidUptime,
    type Variant
} from './convert';
import { feedbackOut, monitorsOut, profileOut, reportersOut, signalsOut, slaOut } from './output';
import { trust } from './runtime';

/** A stranger's answer about a contract it may not read is the one for an unknown id (no existence oracle). */
const hidden = (id: bigint) => notFound('contract', id);

/** Trust's method signatures: manual replies through the market's compiled encoders (headers warmed at install and upgrade). */
const T = {
    setTrustReporter: sig([IDL.Principal, IDL.Vec(C.ReporterRoleIdl)], C.TrustResult(IDL.Vec(C.ReporterIdl))),
    trustReporters: sig([], IDL.Vec(C.ReporterIdl)),
    submitConversationEvents: sig([IDL.Vec(C.ConversationEventIdl)], C.TrustResult(C.BatchOutcomeIdl)),
    submitUptime: sig([IDL.Vec(C.UptimeReportIdl)], C.TrustResult(C.BatchOutcomeIdl)),
    submitBenchmarks: sig([IDL.Vec(C.BenchmarkIdl)], C.TrustResult(C.BatchOutcomeIdl)),
    declareMonitor: sig([IDL.Nat64, IDL.Principal], C.TrustResult(IDL.Vec(C.DeclaredMonitorIdl))),
    removeMonitor: sig([IDL.Nat64, IDL.Principal], C.TrustResult(IDL.Vec(C.DeclaredMonitorIdl))),
    contractMonitors: sig([IDL.Nat64], C.ContractMonitorsIdl),
    submitFeedback: sig([IDL.Nat64, C.FeedbackAnswerIdl], C.TrustResult(C.FeedbackIdl)),
    settleSla: sig([IDL.Vec(IDL.Nat64)], C.TrustResult(IDL.Vec(C.SlaRecordIdl))),
    refreshMarket: sig([], C.TrustResult(IDL.Nat32)),
    trustProfile: sig([IDL.Principal], IDL.Opt(C.ProfileIdl)),
    certifiedTrustSummary: sig([IDL.Principal], IDL.Opt(C.CertifiedSummaryIdl)),
    trustCards: sig([IDL.Vec(IDL.Principal)], IDL.Vec(C.CardIdl)),
    contractSignals: sig([IDL.Nat64], IDL.Opt(C.ContractSignalsIdl)),
    trustHistory: sig([IDL.Principal, IDL.Nat32], IDL.Vec(C.ScoreEntryIdl))
};

/** Trust's Candid methods, stacked on the canister class as the market modules' entries are. */
export const TrustEntry = <B extends EntryBase>(Base: B) =>
    class TrustEntry extends Base {
        // ------------------------------------------------------------ reporters (controllers)

        /**
         * The one method managing reporters (controllers): sets the principal's roles (Relay, Monitor or
         * both) in the market's single list; an empty vector removes it. `addRelay`/`removeRelay` edit
         * the same list.
         */
        @update(T.setTrustReporter.params, T.setTrustReporter.ret, MANUAL)
        setTrustReporter(): void {
            const [p, roles] = T.setTrustReporter.args() as [Principal, Variant<'Relay' | 'Monitor'>[]];
            const by = { caller: caller(), isController: isController(msgCaller()) };
            return T.setTrustReporter.reply(toCandid(trust().setReporter(by, p.toText(), roles.map(roleOf)), reportersOut));
        }

        @query(T.trustReporters.params, T.trustReporters.ret, MANUAL)
        trustReporters(): void {
            return T.trustReporters.reply(reportersOut(trust().reporters()));
        }

        // ------------------------------------------------------------ signals

        @update(T.submitConversationEvents.params, T.submitConversationEvents.ret, MANUAL)
        submitConversationEvents(): void {
            const [events] = T.submitConversationEvents.args() as [CandidEvent[]];
            return T.submitConversationEvents.reply(toCandid(trust().submitConversationEvents(caller(), events.map(eventFromCandid)), (o) => o));
        }

        @update(T.submitUptime.params, T.submitUptime.ret, MANUAL)
        submitUptime(): void {
            const [reports] = T.submitUptime.args() as [CandidUptime[]];
            const r = uptimeFromCandid(reports);
            return T.submitUptime.reply(toCandid(('Ok' in r) ? trust().submitUptime(caller(), r.Ok) : r, (o) => o));
        }

        @update(T.submitBenchmarks.params, T.submitBenchmarks.ret, MANUAL)
        submitBenchmarks(): void {
            const [items] = T.submitBenchmarks.args() as [CandidBenchmark[]];
            return T.submitBenchmarks.reply(toCandid(trust().submitBenchmarks(caller(), items.map(benchmarkFromCandid)), (o) => o));
        }

        /** The contract's provider or tenant declares a monitor that may report uptime for it (paid, open contracts; at most 4). */
        @update(T.declareMonitor.params, T.declareMonitor.ret, MANUAL)
        declareMonitor(): void {
            const [contractId, monitor] = T.declareMonitor.args() as [bigint, Principal];
            if (!readsContract(contractId)) return T.declareMonitor.reply(toCandid(hidden(contractId), monitorsOut));
            return T.declareMonitor.reply(toCandid(trust().declareMonitor(caller(), contractId.toString(), monitor.toText()), monitorsOut));
        }

        @update(T.removeMonitor.params, T.removeMonitor.ret, MANUAL)
        removeMonitor(): void {
            const [contractId, monitor] = T.removeMonitor.args() as [bigint, Principal];
            if (!readsContract(contractId)) return T.removeMonitor.reply(toCandid(hidden(contractId), monitorsOut));
            return T.removeMonitor.reply(toCandid(trust().removeMonitor(caller(), contractId.toString(), monitor.toText()), monitorsOut));
        }

        /** The contract read rule (tenant, provider, controllers, relays); others get an empty answer. */
        @query(T.contractMonitors.params, T.contractMonitors.ret, MANUAL)
        contractMonitors(): void {
            const [contractId] = T.contractMonitors.args() as [bigint];
            if (!readsContract(contractId)) return T.contractMonitors.reply({ platform: [], declared: [] });
            const m = trust().contractMonitors(contractId.toString());
            return T.contractMonitors.reply({ platform: m.platform.map(principal), declared: monitorsOut(m.declared) });
        }

        @update(T.submitFeedback.params, T.submitFeedback.ret, MANUAL)
        submitFeedback(): void {
            const [contractId, answer] = T.submitFeedback.args() as [bigint, { matchedDescription: boolean; wouldRentAgain: boolean }];
            if (!readsContract(contractId)) return T.submitFeedback.reply(toCandid(hidden(contractId), feedbackOut));
            return T.submitFeedback.reply(toCandid(trust().submitFeedback(caller(), contractId.toString(), answer), feedbackOut));
        }

        /** Anyone may trigger settlement of finished SLA periods; the rule decides, not the caller (what a call works on: root/caller.ts `settleable`). */
        @update(T.settleSla.params, T.settleSla.ret, MANUAL)
        settleSla(): void {
            const [ids] = T.settleSla.args() as [bigint[]];
            const work = settleable(ids.slice(0, 100));
            if (work.length === 0) return T.settleSla.reply({ Ok: [] });
            return T.settleSla.reply(toCandid(trust().settleSla(work.map((id) => id.toString())), (rs) => rs.map(slaOut)));
        }

        @update(T.refreshMarket.params, T.refreshMarket.ret, MANUAL)
        refreshMarket(): void {
            return T.refreshMarket.reply(toCandid(trust().refreshMarket({ caller: caller(), isController: isController(msgCaller()) }), (n) => n));
        }

        // ------------------------------------------------------------ queries

        @query(T.trustProfile.params, T.trustProfile.ret, MANUAL)
        trustProfile(): void {
            const [p] = T.trustProfile.args() as [Principal];
            const prof = trust().providerProfile(p.toText());
            return T.trustProfile.reply(prof === null ? [] : [profileOut(prof)]);
        }

        /**
         * The provider's trust summary (JSON text) with the proof: the IC certificate of this canister's
         * certified data and the witness (CBOR hash tree) from that root to sha256(summary) at
         * /trust/<principal bytes>. Outside a query call the certificate is empty.
         */
        @query(T.certifiedTrustSummary.params, T.certifiedTrustSummary.ret, MANUAL)
        certifiedTrustSummary(): void {
            const [p] = T.certifiedTrustSummary.args() as [Principal];
            const w = trust().certifiedSummary(p.toText());
            if (w === null) return T.certifiedTrustSummary.reply([]);
            return T.certifiedTrustSummary.reply([{ summary: w.summary, witness: w.witness, certificate: dataCertificate() ?? new Uint8Array() }]);
        }

        @query(T.trustCards.params, T.trustCards.ret, MANUAL)
        trustCards(): void {
            const [ps] = T.trustCards.args() as [Principal[]];
            const cards = trust().listingCards(ps.map((p) => p.toText()));
            return T.trustCards.reply(cards.map((c) => ({ ...c, provider: principal(c.provider), silentSince: optNs(c.silentSince), uptime30d: opt(c.uptime30d) })));
        }

        /** The contract read rule (tenant, provider, controllers, relays); others get none. */
        @query(T.contractSignals.params, T.contractSignals.ret, MANUAL)
        contractSignals(): void {
            const [id] = T.contractSignals.args() as [bigint];
            if (!readsContract(id)) return T.contractSignals.reply([]);
            const s = trust().contractSignals(id.toString());
            return T.contractSignals.reply(s === null ? [] : [signalsOut(id, s)]);
        }

        @query(T.trustHistory.params, T.trustHistory.ret, MANUAL)
        trustHistory(): void {
            const [p, limit] = T.trustHistory.args() as [Principal, number];
            return T.trustHistory.reply(trust().scoreHistory(p.toText(), Math.min(limit, 100)).map(historyCandid));
        }
    };
