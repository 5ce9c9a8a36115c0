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
    /** ICPay's charges, when paying through ICPay with its fees known: the gross paid covers them so the quote arrives. */
    icpay?: IcpayCharges;
}

/** ICPay's account fees as its canister records them (`get_account`): basis points and a fixed part. */
export interface IcpayFees {
    platformBps: number;
    relayBps: number;
    fixed: bigint;
}

export interface IcpayCharges {
    /** What the wallet sends to ICPay (grossed up so that at least the price reaches the escrow). */
    gross: bigint;
    platformFee: bigint;
    relayFee: bigint;
    /** The ledger fee of ICPay's forward to the escrow, paid out of the payment. */
    forwardFee: bigint;
    /** What reaches the escrow: gross − ICPay's fees (≥ the price; the surplus is the tenant's withdrawable balance). */
    arrives: bigint;
}

/** ICPay's charges on a payment of `gross`, as its canister computes them (floor). */
export function icpayCharges(gross: bigint, f: IcpayFees, ledgerFee: bigint): IcpayCharges {
    const platformFee = (gross * BigInt(f.platformBps)) / BPS + f.fixed;
    const relayFee = (gross * BigInt(f.relayBps)) / BPS;
    return { gross, platformFee, relayFee, forwardFee: ledgerFee, arrives: gross - platformFee - relayFee - ledgerFee };
}

/** The smallest gross whose share after ICPay's fees covers `net`. */
export function icpayGross(net: bigint, f: IcpayFees, ledgerFee: bigint): bigint {
    const bps = BigInt(f.platformBps + f.relayBps);
    let g = ((net + ledgerFee + f.fixed) * BPS) / (BPS - bps);
    while (g > 0n && icpayCharges(g - 1n, f, ledgerFee).arrives >= net) g--;
    while (icpayCharges(g, f, ledgerFee).arrives < net) g++;
    return g;
}

export function timePriceFor(pricePerMonth: bigint, hours: number): bigint {
    return (pricePerMonth * BigInt(hours)) / BigInt(HOURS_PER_MONTH);
}

export function platformFeeOf(amount: bigint, feeBps: number): bigint {
    return (amount * BigInt(feeBps)) / BPS;
}

/** `price` is the canister's quote when known (it wins over the local computation). */
export function orderSummary(o: { pricePerMonth: bigint; setupFee: bigint; hours: number; feeBps: number; ledgerFee: bigint; method: PaymentMethod; price?: bigint; icpayFees?: IcpayFees }): OrderSummary {
    const timePrice = timePriceFor(o.pricePerMonth, o.hours);
    const price = o.price ?? timePrice + o.setupFee;
    const platformFee = platformFeeOf(price, o.feeBps);
    const ledgerFeeCount = o.method === 'wallet' ? 2 : 1;
    const ledgerFees = o.ledgerFee * BigInt(ledgerFeeCount);
    const icpay = o.method === 'icpay' && o.icpayFees !== undefined ? icpayCharges(icpayGross(price, o.icpayFees, o.ledgerFee), o.icpayFees, o.ledgerFee) : undefined;
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
        total: (icpay?.gross ?? price) + ledgerFees,
        ...(icpay === undefined ? {} : { icpay })
    };
}

/** What arrives in a wallet when `amount` is paid out: the receiver bears the ledger fee; dust at or below it is not sent. */
export function arriving(amount: bigint, ledgerFee: bigint): bigint {
    return amount > ledgerFee ? amount - ledgerFee : 0n;
}
