// The keeper's circle aggregates (keeper/circles.ts) for the simulation, through the same domain
// functions: each provider's standing, each pair's circular vouch, each tenant's tracked providers.
import { circleKey, countedElsewhere, planVouch, standingShare, type HistoryEntry, type PayerSums, type Standing } from '../../canisters/marketplace/src/trust/domain/circles.js';
import { plannedMonths } from '../../canisters/marketplace/src/trust/domain/contracts.js';
import type { Serving } from '../../canisters/marketplace/src/trust/domain/contract_records.js';
import { DAY } from '../../canisters/marketplace/src/trust/domain/time.js';

const MONTH = 30 * DAY;

export class Circles {
    private readonly entries = new Map<string, HistoryEntry[]>();
    private readonly standing = new Map<string, Standing>();
    private readonly circle = new Map<string, number>();

    /** The platform names `provider` an anchor (setAnchorProvider). */
    anchor(provider: number): void {
        this.standing.set(`${provider}`, { vouch: 0, months: 0, ...this.standing.get(`${provider}`), anchor: true });
    }

    counted(tenant: string, provider: number, at: number): number {
        const p = `${provider}`;
        return countedElsewhere(this.entries.get(tenant) ?? [], p, at, MONTH, (q) => standingShare(this.standing.get(q), this.circle.get(circleKey(q, p)) ?? 0));
    }

    vouch(tenant: string, provider: number, payer: PayerSums, serving: Serving | null | undefined, before: Serving | undefined): void {
        const plan = planVouch(this.entries.get(tenant) ?? [], `${provider}`, payer, plannedMonths(serving, before));
        this.entries.set(tenant, plan.entries);
        if (plan.standing !== null) {
            const s = this.standing.get(plan.standing.provider) ?? { vouch: 0, months: 0 };
            this.standing.set(plan.standing.provider, { ...s, vouch: s.vouch + plan.standing.vouch, months: s.months + plan.standing.months });
        }
        for (const c of plan.circles) this.circle.set(c.key, (this.circle.get(c.key) ?? 0) + c.delta);
    }
}
