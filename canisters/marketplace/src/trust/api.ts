// Trust entry methods: check the caller, convert the arguments, call the trust keeper, reply with a
// Result variant. Scoring and aggregation rules live in ./domain, their storage in ./keeper.
import { IDL, isController, msgCaller, Principal, query, update } from 'azle';

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
import { feedbackOut, profileOut, reportersOut, signalsOut, slaOut } from './output';
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
