// Trust entry methods: check the caller, convert the arguments, call the trust keeper, reply with a
// Result variant. Scoring and aggregation rules live in ./domain, their storage in ./keeper.
import { dataCertificate, IDL, isController, msgCaller, Principal, query, update } from 'azle';

import { MarketApi } from '../api/market';
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

const caller = (): string => msgCaller().toText();

export class TrustApi extends MarketApi {
    // ------------------------------------------------------------ reporters (controllers)

    /**
     * The one method managing reporters (controllers): sets the principal's roles (Relay, Monitor or
     * both) in the market's single list; an empty vector removes it. `addRelay`/`removeRelay` edit
     * the same list.
     */
    @update([IDL.Principal, IDL.Vec(C.ReporterRoleIdl)], C.TrustResult(IDL.Vec(C.ReporterIdl)))
    setTrustReporter(p: Principal, roles: Variant<'Relay' | 'Monitor'>[]) {
        const by = { caller: caller(), isController: isController(msgCaller()) };
        return toCandid(trust().setReporter(by, p.toText(), roles.map(roleOf)), reportersOut);
    }

    @query([], IDL.Vec(C.ReporterIdl))
    trustReporters() {
        return reportersOut(trust().reporters());
    }

    // ------------------------------------------------------------ signals

    @update([IDL.Vec(C.ConversationEventIdl)], C.TrustResult(C.BatchOutcomeIdl))
    submitConversationEvents(events: CandidEvent[]) {
        return toCandid(trust().submitConversationEvents(caller(), events.map(eventFromCandid)), (o) => o);
    }

    @update([IDL.Vec(C.UptimeReportIdl)], C.TrustResult(C.BatchOutcomeIdl))
    submitUptime(reports: CandidUptime[]) {
        const r = uptimeFromCandid(reports);
        return toCandid(r.ok ? trust().submitUptime(caller(), r.value) : r, (o) => o);
    }

    @update([IDL.Vec(C.BenchmarkIdl)], C.TrustResult(C.BatchOutcomeIdl))
    submitBenchmarks(items: CandidBenchmark[]) {
        return toCandid(trust().submitBenchmarks(caller(), items.map(benchmarkFromCandid)), (o) => o);
    }

    /** The contract's provider or tenant declares a monitor that may report uptime for it (paid, open contracts; at most 4). */
    @update([IDL.Nat64, IDL.Principal], C.TrustResult(IDL.Vec(C.DeclaredMonitorIdl)))
    declareMonitor(contractId: bigint, monitor: Principal) {
        return toCandid(trust().declareMonitor(caller(), contractId.toString(), monitor.toText()), monitorsOut);
    }

    @update([IDL.Nat64, IDL.Principal], C.TrustResult(IDL.Vec(C.DeclaredMonitorIdl)))
    removeMonitor(contractId: bigint, monitor: Principal) {
        return toCandid(trust().removeMonitor(caller(), contractId.toString(), monitor.toText()), monitorsOut);
    }

    @query([IDL.Nat64], C.ContractMonitorsIdl)
    contractMonitors(contractId: bigint) {
        const m = trust().contractMonitors(contractId.toString());
        return { platform: m.platform.map(principal), declared: monitorsOut(m.declared) };
    }

    @update([IDL.Nat64, C.FeedbackAnswerIdl], C.TrustResult(C.FeedbackIdl))
    submitFeedback(contractId: bigint, answer: { matchedDescription: boolean; wouldRentAgain: boolean }) {
        return toCandid(trust().submitFeedback(caller(), contractId.toString(), answer), feedbackOut);
    }

    /** Anyone may trigger settlement of finished SLA periods; the rule decides, not the caller. */
    @update([IDL.Vec(IDL.Nat64)], C.TrustResult(IDL.Vec(C.SlaRecordIdl)))
    settleSla(ids: bigint[]) {
        return toCandid(trust().settleSla(ids.slice(0, 100).map((id) => id.toString())), (rs) => rs.map(slaOut));
    }

    @update([], C.TrustResult(IDL.Nat32))
    refreshMarket() {
        return toCandid(trust().refreshMarket({ caller: caller(), isController: isController(msgCaller()) }), (n) => n);
    }

    // ------------------------------------------------------------ queries

    @query([IDL.Principal], IDL.Opt(C.ProfileIdl))
    trustProfile(p: Principal) {
        const prof = trust().providerProfile(p.toText());
        return prof === null ? [] : [profileOut(prof)];
    }

    /**
     * The provider's trust summary (JSON text) with the proof: the IC certificate of this canister's
     * certified data and the witness (CBOR hash tree) from that root to sha256(summary) at
     * /trust/<principal bytes>. Outside a query call the certificate is empty.
     */
    @query([IDL.Principal], IDL.Opt(C.CertifiedSummaryIdl))
    certifiedTrustSummary(p: Principal) {
        const w = trust().certifiedSummary(p.toText());
        if (w === null) return [];
        return [{ summary: w.summary, witness: w.witness, certificate: dataCertificate() ?? new Uint8Array() }];
    }

    @query([IDL.Vec(IDL.Principal)], IDL.Vec(C.CardIdl))
    trustCards(ps: Principal[]) {
        return trust()
            .listingCards(ps.map((p) => p.toText()))
            .map((c) => ({ ...c, provider: principal(c.provider), silentSince: optNs(c.silentSince), uptime30d: opt(c.uptime30d) }));
    }

    @query([IDL.Nat64], IDL.Opt(C.ContractSignalsIdl))
    contractSignals(id: bigint) {
        const s = trust().contractSignals(id.toString());
        return s === null ? [] : [signalsOut(id, s)];
    }

    @query([IDL.Principal, IDL.Nat32], IDL.Vec(C.ScoreEntryIdl))
    trustHistory(p: Principal, limit: number) {
        return trust().scoreHistory(p.toText(), Math.min(limit, 100)).map(historyCandid);
    }
}
