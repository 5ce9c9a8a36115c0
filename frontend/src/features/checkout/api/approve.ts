import { Actor } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { idlFactory as ledgerIdl, type _SERVICE as LedgerService } from '@declarations/ledger';
import type { Actors } from '@/lib/agent';
import { unwrap } from '@/lib/canister-error';
import { env } from '@/config/env';

/** The signed-in user's actor of `ledger` (an offering's token), or the app's ledger. */
export function ledgerActor(actors: Actors, ledger?: string) {
    if (ledger === undefined || ledger === env().ledgerCanisterId) return actors.ledger;
    return Actor.createActor<LedgerService>(ledgerIdl as IDL.InterfaceFactory, { agent: actors.agent, canisterId: ledger });
}

/** ICRC-2 approve on `ledger` (default: the app's): lets the marketplace canister pull up to `amount` from the caller's wallet. */
export async function approveMarketplace(actors: Actors, amount: bigint, ledger?: string): Promise<bigint> {
    const result = await ledgerActor(actors, ledger).icrc2_approve({
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
