import { Principal } from '@dfinity/principal';
import type { Actors } from '@/lib/agent';
import { unwrap } from '@/lib/canister-error';
import { env } from '@/config/env';

/** ICRC-2 approve: lets the marketplace canister pull up to `amount` from the caller's wallet. */
export async function approveMarketplace(actors: Actors, amount: bigint): Promise<bigint> {
    const result = await actors.ledger.icrc2_approve({
        from_subaccount: [],
        spender: { owner: Principal.fromText(env().marketplaceCanisterId), subaccount: [] },
        amount,
        expected_allowance: [],
        // No expiry: the browser's clock is not the ledger's (and local time can be advanced).
        // The marketplace pulls exactly the price right after, which uses up the allowance.
        expires_at: [],
        fee: [],
        memo: [],
        created_at_time: []
    });
    return unwrap(result, 'icrc2_approve');
}
