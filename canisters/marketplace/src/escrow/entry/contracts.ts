// The escrow's contract methods: the lifecycle updates of tenant and provider, probe targets, and
// reading contracts (parties, controllers and relays only). Thin: decode, run as the caller, reply.
import { IDL, Principal, query, update } from 'azle';

import * as C from '../../root/candid';
import { caller, emptyPage, party, privileged, type EntryBase } from '../../root/caller';
import { MANUAL, sig } from '../../platform/reply';
import { market } from '../../root/state';
import type { Contract, Result, Status, Transfer } from '../../kernel/records';

const S = {
    requestContract: sig([IDL.Nat64, IDL.Nat32], C.ResultContract),
    acceptContract: sig([IDL.Nat64], C.ResultContract),
    rejectContract: sig([IDL.Nat64, IDL.Text], C.ResultClose),
    startProvisioning: sig([IDL.Nat64], C.ResultContract),
    reportProvisioned: sig([IDL.Nat64, IDL.Text], C.ResultContract),
    setProbeEndpoint: sig([IDL.Nat64, IDL.Opt(C.ProbeEndpointIdl)], C.ResultContract),
    reportProvisioningFailed: sig([IDL.Nat64, IDL.Text], C.ResultClose),
    confirmActive: sig([IDL.Nat64], C.ResultContract),
    pauseContract: sig([IDL.Nat64, IDL.Text], C.ResultContract),
    resumeContract: sig([IDL.Nat64], C.ResultContract),
    extendContract: sig([IDL.Nat64, IDL.Nat32], C.ResultContract),
    cancelContract: sig([IDL.Nat64, IDL.Text], C.ResultClose)
};

/** Query signatures (reply headers warmed at install and upgrade: a query's heap is discarded). */
const Q = {
    probeTargets: sig([IDL.Nat32, IDL.Nat32], C.ResultProbeTargets),
    getContract: sig([IDL.Nat64], IDL.Opt(C.ContractIdl)),
    listContracts: sig([C.ContractFilter, IDL.Nat32, IDL.Nat32], C.ContractPage)
};

type Sig = { args(): any[]; reply(v: unknown): void };
/** The entry of a contract update: decode, run as the caller, reply with the contract as the caller may see it. */
function contractReply<A extends any[]>(s: Sig, run: (who: string, args: A) => Result<Contract>): void {
    const who = caller();
    s.reply(C.resultOut(run(who, s.args() as A), (c) => C.contractOut(c, who)));
}
/** The entry of a closing update (reject, cancel, failed provisioning): the contract and its refund. */
async function closeReply<A extends any[]>(s: Sig, run: (who: string, args: A) => Promise<Result<{ contract: Contract; refund: Transfer | null }>>): Promise<void> {
    const who = caller();
    s.reply(C.resultOut(await run(who, s.args() as A), (r) => C.closeOut(r, who)));
}

export const ContractsEntry = <B extends EntryBase>(Base: B) =>
    class extends Base {
        @update(S.requestContract.params, S.requestContract.ret, MANUAL)
        requestContract(): void {
            contractReply(S.requestContract, (who, [offeringId, hours]: [bigint, number]) => market().requestContract(who, offeringId, hours));
        }

        @update(S.acceptContract.params, S.acceptContract.ret, MANUAL)
        acceptContract(): void {
            contractReply(S.acceptContract, (who, [id]: [bigint]) => market().acceptContract(who, id));
        }

        @update(S.rejectContract.params, S.rejectContract.ret, MANUAL)
        async rejectContract(): Promise<void> {
            await closeReply(S.rejectContract, (who, [id, reason]: [bigint, string]) => market().rejectContract(who, id, reason));
        }

        @update(S.startProvisioning.params, S.startProvisioning.ret, MANUAL)
        startProvisioning(): void {
            contractReply(S.startProvisioning, (who, [id]: [bigint]) => market().startProvisioning(who, id));
        }

        /** Provisioning → Provisioned (billing starts), or Paused → Provisioned with new details. */
        @update(S.reportProvisioned.params, S.reportProvisioned.ret, MANUAL)
        reportProvisioned(): void {
            contractReply(S.reportProvisioned, (who, [id, connection]: [bigint, string]) => market().reportProvisioned(who, id, connection));
        }

        /** Provider: where monitors probe the server (declare it with the provisioning report; `null` clears it). */
        @update(S.setProbeEndpoint.params, S.setProbeEndpoint.ret, MANUAL)
        setProbeEndpoint(): void {
            const [id, probe] = S.setProbeEndpoint.args() as [bigint, [] | [any]];
            const who = caller();
            const p = probe.length === 0 ? null : C.probeIn(probe[0]);
            return S.setProbeEndpoint.reply(C.resultOut(market().setProbeEndpoint(who, id, p), (c) => C.contractOut(c, who)));
        }

        /** Registered monitors and relays: Provisioned/Active contracts with a probe endpoint (id order, at most 200 per page). */
        @query(Q.probeTargets.params, Q.probeTargets.ret, MANUAL)
        probeTargets(): void {
            const [offset, limit] = Q.probeTargets.args() as [number, number];
            return Q.probeTargets.reply(C.resultOut(market().probeTargets(caller(), offset, limit), (p) => C.pageOut(p, C.probeTargetOut)));
        }

        @update(S.reportProvisioningFailed.params, S.reportProvisioningFailed.ret, MANUAL)
        async reportProvisioningFailed(): Promise<void> {
            await closeReply(S.reportProvisioningFailed, (who, [id, reason]: [bigint, string]) => market().reportProvisioningFailed(who, id, reason));
        }

        @update(S.confirmActive.params, S.confirmActive.ret, MANUAL)
        confirmActive(): void {
            contractReply(S.confirmActive, (who, [id]: [bigint]) => market().confirmActive(who, id));
        }

        @update(S.pauseContract.params, S.pauseContract.ret, MANUAL)
        pauseContract(): void {
            contractReply(S.pauseContract, (who, [id, note]: [bigint, string]) => market().pauseContract(who, id, note));
        }

        @update(S.resumeContract.params, S.resumeContract.ret, MANUAL)
        resumeContract(): void {
            contractReply(S.resumeContract, (who, [id]: [bigint]) => market().resumeContract(who, id));
        }

        @update(S.extendContract.params, S.extendContract.ret, MANUAL)
        extendContract(): void {
            contractReply(S.extendContract, (who, [id, hours]: [bigint, number]) => market().extendContract(who, id, hours));
        }

        @update(S.cancelContract.params, S.cancelContract.ret, MANUAL)
        async cancelContract(): Promise<void> {
            await closeReply(S.cancelContract, (who, [id, reason]: [bigint, string]) => market().cancelContract(who, id, reason));
        }

        /** Its tenant, its provider, controllers and relays; nobody else learns that it exists. */
        @query(Q.getContract.params, Q.getContract.ret, MANUAL)
        getContract(): void {
            const [id] = Q.getContract.args() as [bigint];
            const c = market().contract(id);
            const who = caller();
            return Q.getContract.reply(c === undefined || !party(c, who) ? [] : [C.contractOut(c, who)]);
        }

        /**
         * Cursor pages (pass `next` as the offset of the following page) of a tenant's or a provider's
         * contracts; a caller sees only its own (as tenant or provider), controllers and relays all.
         */
        @query(Q.listContracts.params, Q.listContracts.ret, MANUAL)
        listContracts(): void {
            const [f, offset, limit] = Q.listContracts.args() as [{ tenant: [] | [Principal]; provider: [] | [Principal]; status: [] | [Record<string, null>] }, number, number];
            const tenant = f.tenant[0]?.toText();
            const provider = f.provider[0]?.toText();
            const status: Status | undefined = f.status.length === 0 ? undefined : C.statusIn(f.status[0]!);
            const who = caller();
            if (!privileged() && tenant !== who && provider !== who) return Q.listContracts.reply(emptyPage);
            const page = market().contractPage({ tenant, provider, status }, offset, limit);
            return Q.listContracts.reply(C.pageOut(page, (c) => C.contractOut(c, who)));
        }
    };
