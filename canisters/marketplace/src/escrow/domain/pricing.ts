// Price of service time: monthly price × hours / 720 (+ setup fee on the first segment), in the
// offering's token base units, rounded down.
import { HOURS_PER_MONTH, type Offering, type Quote } from '../../kernel/records';

export function timePrice(pricePerMonth: bigint, hours: number): bigint {
    return (pricePerMonth * BigInt(hours)) / HOURS_PER_MONTH;
}

export function quoteFor(o: Pick<Offering, 'pricePerMonth' | 'setupFee'>, hours: number, withSetup: boolean): Quote {
    const setupFee = withSetup ? o.setupFee : 0n;
    return { hours, amount: timePrice(o.pricePerMonth, hours) + setupFee, setupFee };
}
