import { Principal } from '@dfinity/principal';
import type { LedgerInitArgs, LedgerService } from '../../testing/index.js';

// Argument types of the generated bindings (declarations/), as a client of the ledger sees them.
type CandidAccount = Parameters<LedgerService['icrc1_balance_of']>[0];
type CandidTransferArgs = Parameters<LedgerService['icrc1_transfer']>[0];
type CandidApproveArgs = Parameters<LedgerService['icrc2_approve']>[0];
type CandidTransferFromArgs = Parameters<LedgerService['icrc2_transfer_from']>[0];

export const FEE = 10_000n;

let nextUser = 1;
/** A fresh principal per call, so tests sharing one ledger do not see each other's funds. */
export function newUser(): Principal {
    return Principal.fromUint8Array(Uint8Array.of(0x4c, nextUser++ % 256, Math.floor(nextUser / 256)));
}

export function acct(owner: Principal, sub?: number): CandidAccount {
    if (sub === undefined) return { owner, subaccount: [] };
    const subaccount = new Uint8Array(32);
    subaccount[31] = sub;
    return { owner, subaccount: [subaccount] };
}

export const controller = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
export const minter = acct(Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai'));

export function initArgs(overrides: Partial<LedgerInitArgs> = {}): LedgerInitArgs {
    return {
        token_name: 'Local Token',
        token_symbol: 'LTK',
        decimals: 8,
        transfer_fee: FEE,
        minting_account: minter,
        initial_balances: [],
        min_burn_amount: [],
        allow_faults: [],
        archive_options: [],
        ...overrides
    };
}

export function transferArgs(to: CandidAccount, amount: bigint, more: Partial<CandidTransferArgs> = {}): CandidTransferArgs {
    return { to, amount, fee: [], memo: [], from_subaccount: [], created_at_time: [], ...more };
}

export function approveArgs(spender: CandidAccount, amount: bigint, more: Partial<CandidApproveArgs> = {}): CandidApproveArgs {
    return {
        spender, amount, fee: [], memo: [], from_subaccount: [], created_at_time: [],
        expected_allowance: [], expires_at: [], ...more
    };
}

export function transferFromArgs(
    from: CandidAccount,
    to: CandidAccount,
    amount: bigint,
    more: Partial<CandidTransferFromArgs> = {}
): CandidTransferFromArgs {
    return { from, to, amount, fee: [], memo: [], spender_subaccount: [], created_at_time: [], ...more };
}
