// Bench seeding (config.benchMode): a contract taken through request, payment (booked like a
// relay credit of money already on the canister's account), acceptance and provisioning: each
// step its own unit of work, applied before the next is planned.
import { err, ok, type Result } from '../kernel/records';
import { Draft, type Plan } from './effects';
import { depositIn } from './funding';
import { planAccept, planProvisioned, planRequest, planStartProvisioning } from './lifecycle';
import type { EscrowView } from './view';

function planBenchDeposit(v: EscrowView, self: string, id: bigint, now: bigint): Result<Plan<bigint>> {
    const c = v.contract(id);
    if (c === undefined || c.quote === null) return err({ NothingDue: { contractId: id } });
    const d = new Draft(v, now);
    depositIn(d, c, c.quote.amount, { principal: self, role: 'relay' }, null, `bench:${id}`);
    return ok(d.done(id));
}

type Step = (v: EscrowView, now: bigint) => Result<Plan<unknown>>;

/** The steps seeding one contract; `commit` applies each plan before the next one is made. */
export function seedOne(v: EscrowView, self: string, offeringId: bigint, tenant: string, hours: number, now: bigint, commit: <T>(p: Plan<T>) => T): Result<bigint> {
    const o = v.offering(offeringId);
    if (o === undefined) return err({ NotFound: { what: 'offering', id: String(offeringId) } });
    const r = planRequest(v, tenant, offeringId, hours, now);
    if ('Err' in r) return r;
    const id = commit(r.Ok).id;
    const steps: Step[] = [
        (w, t) => planBenchDeposit(w, self, id, t),
        (w, t) => planAccept(w, o.provider, id, t),
        (w, t) => planStartProvisioning(w, o.provider, id, t),
        (w, t) => planProvisioned(w, o.provider, id, 'bench', t)
    ];
    for (const step of steps) {
        const p = step(v, now);
        if ('Err' in p) return p;
        commit(p.Ok);
    }
    return ok(id);
}
