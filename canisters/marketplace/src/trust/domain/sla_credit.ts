import { DAY, MINUTE } from './time';

/**
 * SLA credit rule. A contract is settled in periods of SLA_PERIOD (one day, the escrow's release
 * cadence) from its start; the last one ends with the contract. For a period with at least MIN_COVERAGE_BPS of its minutes monitored, the
 * measured uptime u = up / (up + down) against the offering's target T gives a share of the
 * period's price back to the tenant:
 *   u ≥ T → 0;  u ≥ T − 1 pp → 10%;  u ≥ T − 5 pp → 30%;  otherwise → 100%.
 * period price = floor(total × period length / contract length); credit = floor(price × share),
 * and never more than the escrow still holds for the contract.
 */
export const SLA_PERIOD = DAY;
export const MIN_COVERAGE_BPS = 5_000;
export const CREDIT_TIERS: readonly { belowTargetBps: number; creditBps: number }[] = [
    { belowTargetBps: 100, creditBps: 1_000 },
    { belowTargetBps: 500, creditBps: 3_000 },
    { belowTargetBps: Number.POSITIVE_INFINITY, creditBps: 10_000 }
];

export interface Period {
    index: number;
    start: number;
    end: number;
}

export const periodIndex = (t: number, contractStart: number): number => Math.floor((t - contractStart) / SLA_PERIOD);

export function periodBounds(index: number, contractStart: number, contractEnd: number): Period {
    const start = contractStart + index * SLA_PERIOD;
    return { index, start, end: Math.min(start + SLA_PERIOD, contractEnd) };
}

/** Periods from index `next` on that have finished by `now`, oldest first (periods settle in order). */
export function duePeriods(contractStart: number, contractEnd: number, now: number, next: number, max = Number.POSITIVE_INFINITY): Period[] {
    const due: Period[] = [];
    for (let i = next; contractStart + i * SLA_PERIOD < contractEnd && due.length < max; i++) {
        const p = periodBounds(i, contractStart, contractEnd);
        if (p.end > now) break;
        due.push(p);
    }
    return due;
}

export interface CreditInput {
    upMinutes: number;
    downMinutes: number;
    period: Period;
    contractStart: number;
    contractEnd: number;
    contractTotal: bigint;
    targetBps: number;
}

export type CreditOutcome = 'met' | 'credited' | 'insufficient_monitoring';

export interface CreditDecision {
    outcome: CreditOutcome;
    uptimeBps: number | null;
    coverageBps: number;
    creditBps: number;
    periodPrice: bigint;
    credit: bigint;
}

export function periodPrice(total: bigint, p: Period, contractStart: number, contractEnd: number): bigint {
    const length = BigInt(contractEnd - contractStart);
    return length <= 0n ? 0n : (total * BigInt(p.end - p.start)) / length;
}

export function slaCredit(i: CreditInput): CreditDecision {
    const observed = i.upMinutes + i.downMinutes;
    const periodMinutes = Math.max(1, Math.floor((i.period.end - i.period.start) / MINUTE));
    const coverageBps = Math.min(10_000, Math.floor((observed * 10_000) / periodMinutes));
    const price = periodPrice(i.contractTotal, i.period, i.contractStart, i.contractEnd);
    const none = { creditBps: 0, periodPrice: price, credit: 0n, coverageBps };
    if (coverageBps < MIN_COVERAGE_BPS || observed === 0) return { ...none, outcome: 'insufficient_monitoring', uptimeBps: null };
    const uptimeBps = Math.floor((i.upMinutes * 10_000) / observed);
    if (i.upMinutes * 10_000 >= i.targetBps * observed) return { ...none, outcome: 'met', uptimeBps };
    const shortfall = i.targetBps - (i.upMinutes * 10_000) / observed;
    const tier = CREDIT_TIERS.find((t) => shortfall <= t.belowTargetBps) ?? CREDIT_TIERS[CREDIT_TIERS.length - 1]!;
    const credit = (price * BigInt(tier.creditBps)) / 10_000n;
    return { outcome: 'credited', uptimeBps, coverageBps, creditBps: tier.creditBps, periodPrice: price, credit };
}

/** Accumulates a contract's up/down minute changes into its SLA period counters. */
export function addToPeriod(
    periods: Record<string, [number, number]>,
    index: number,
    upDelta: number,
    downDelta: number
): Record<string, [number, number]> {
    if (index < 0 || (upDelta === 0 && downDelta === 0)) return periods;
    const [up, down] = periods[index] ?? [0, 0];
    return { ...periods, [index]: [up + upDelta, down + downDelta] };
}
