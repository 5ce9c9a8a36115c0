/**
 * What a payment costs and what a payout delivers, in base units (bigint, rounded the way the
 * canister rounds: price down, platform fee down). Screens show these figures, never their own sums.
 */
const HOURS_PER_MONTH = 720;
const BPS = 10_000n;

export type PaymentMethod = 'wallet' | 'icpay';

export interface OrderSummary {
    hours: number;
    /** Monthly price × hours / 720, rounded down (the canister's quote). */
    timePrice: bigint;
    setupFee: bigint;
    /** What goes into escrow: time price + setup fee. */
    price: bigint;
    /** The platform's share, taken from the provider's releases (not added to the price). */
    platformFee: bigint;
    feeBps: number;
    /** What the provider receives over the whole contract, before its own payout ledger fee. */
    providerGets: bigint;
    /** Ledger fees paid from the wallet: approve + transfer_from (wallet), or one transfer (ICPay). */
    ledgerFees: bigint;
    ledgerFeeCount: number;
    /** Everything that leaves the wallet. */
    total: bigint;
}

export function timePriceFor(pricePerMonth: bigint, hours: number): bigint {
    return (pricePerMonth * BigInt(hours)) / BigInt(HOURS_PER_MONTH);
}

export function platformFeeOf(amount: bigint, feeBps: number): bigint {
    return (amount * BigInt(feeBps)) / BPS;
}

/** `price` is the canister's quote when known (it wins over the local computation). */
export function orderSummary(o: { pricePerMonth: bigint; setupFee: bigint; hours: number; feeBps: number; ledgerFee: bigint; method: PaymentMethod; price?: bigint }): OrderSummary {
    const timePrice = timePriceFor(o.pricePerMonth, o.hours);
    const price = o.price ?? timePrice + o.setupFee;
    const platformFee = platformFeeOf(price, o.feeBps);
    const ledgerFeeCount = o.method === 'wallet' ? 2 : 1;
    const ledgerFees = o.ledgerFee * BigInt(ledgerFeeCount);
    return {
        hours: o.hours,
        timePrice: price - o.setupFee,
        setupFee: o.setupFee,
        price,
        platformFee,
        feeBps: o.feeBps,
        providerGets: price - platformFee,
        ledgerFees,
        ledgerFeeCount,
        total: price + ledgerFees
    };
}

/** What arrives in a wallet when `amount` is paid out: the receiver bears the ledger fee; dust at or below it is not sent. */
export function arriving(amount: bigint, ledgerFee: bigint): bigint {
    return amount > ledgerFee ? amount - ledgerFee : 0n;
}
