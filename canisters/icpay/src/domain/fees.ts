// What ICPay keeps of a payment and what it forwards: the platform fee (basis points plus a fixed
// part), the relay fee when the payment is relayed to a recipient address, and the ledger fee of
// the forward itself (ICPay's canister pays it from the payment). Integer arithmetic, floor.
import type { AccountConfig } from './types';

export interface Fees {
    platform_fee_amount: bigint;
    relay_fee_amount: bigint;
    transfer_fee: bigint;
    account_amount: bigint;
}

export function feesOf(amount: bigint, account: AccountConfig, ledgerFee: bigint, external: bigint): Fees | null {
    const platform = (amount * BigInt(account.platform_fee_percentage)) / 10_000n + account.platform_fee_fixed;
    const relay = (amount * BigInt(account.relay_fee_percentage)) / 10_000n;
    const net = amount - platform - relay - ledgerFee - external;
    if (net <= 0n) return null;
    return { platform_fee_amount: platform, relay_fee_amount: relay, transfer_fee: ledgerFee, account_amount: net };
}

/** The gross a payer must send so that at least `net` reaches the account (the smallest such amount). */
export function grossFor(net: bigint, account: AccountConfig, ledgerFee: bigint): bigint {
    const bps = BigInt(account.platform_fee_percentage + account.relay_fee_percentage);
    let g = ((net + ledgerFee + account.platform_fee_fixed) * 10_000n + (10_000n - bps - 1n)) / (10_000n - bps);
    const netOf = (x: bigint) => feesOf(x, account, ledgerFee, 0n)?.account_amount ?? 0n;
    while (g > 0n && netOf(g - 1n) >= net) g--;
    while (netOf(g) < net) g++;
    return g;
}

/** The SDK's packed memo: little-endian bytes of (accountCanisterId << 32) | intentCode. */
export function unpackMemo(memo: Uint8Array | null): { account: bigint; intentCode: bigint } | null {
    if (memo === null || memo.length === 0 || memo.length > 8) return null;
    let v = 0n;
    for (let i = 0; i < memo.length; i++) v |= BigInt(memo[i]!) << BigInt(8 * i);
    return { account: v >> 32n, intentCode: v & 0xffff_ffffn };
}

export function packMemo(account: bigint, intentCode: bigint): Uint8Array {
    let v = (account << 32n) | intentCode;
    const out: number[] = [];
    while (v > 0n) {
        out.push(Number(v & 0xffn));
        v >>= 8n;
    }
    return Uint8Array.from(out.length === 0 ? [0] : out);
}
