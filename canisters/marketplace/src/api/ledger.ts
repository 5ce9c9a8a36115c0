// The keeper's LedgerGateway over ICRC-1/ICRC-2 inter-canister calls. Ledger errors become
// definite outcomes; a reject or trap of the call becomes an unknown outcome.
import { call, canisterSelf, Principal } from 'azle';
import { Account as AccountIdl, TransferArgs, TransferResult } from 'azle/canisters/icrc_1/idl';
import { TransferFromArgs, TransferFromResult } from 'azle/canisters/icrc_2/idl';
import { IDL } from 'azle';

import type { LedgerOutcome } from '../domain/transfers';
import type { Account, TokenConfig } from '../domain/types';
import type { LedgerGateway } from '../keeper/ports';

const toIcrc = (a: Account) => ({ owner: Principal.fromText(a.owner), subaccount: a.subaccount === null ? [] : [a.subaccount] });

function outcome(r: { Ok: bigint } | { Err: Record<string, any> }): LedgerOutcome {
    if ('Ok' in r) return { kind: 'ok', block: r.Ok };
    const code = Object.keys(r.Err)[0]!;
    const v = r.Err[code];
    if (code === 'Duplicate') return { kind: 'duplicate', block: v.duplicate_of };
    if (code === 'BadFee') return { kind: 'error', code, message: `expected fee ${v.expected_fee}`, expectedFee: v.expected_fee };
    const message = v === null ? '' : JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
    return { kind: 'error', code, message };
}

function rejected(e: unknown): LedgerOutcome {
    const x = e as { rejectCode?: number; rejectMessage?: string };
    return { kind: 'unknown', message: x?.rejectMessage !== undefined ? `reject ${x.rejectCode}: ${x.rejectMessage}` : String(e) };
}

export const icrcLedger: LedgerGateway = {
    async transferFrom(token: TokenConfig, a) {
        try {
            const r = await call<any[], any>(token.ledger, 'icrc2_transfer_from', {
                paramIdlTypes: [TransferFromArgs],
                returnIdlType: TransferFromResult,
                args: [{
                    from: toIcrc(a.from), to: { owner: canisterSelf(), subaccount: [] }, amount: a.amount, fee: [],
                    memo: [a.memo], created_at_time: [a.createdAtTime], spender_subaccount: []
                }]
            });
            return outcome(r);
        } catch (e) {
            return rejected(e);
        }
    },
    async transfer(token: TokenConfig, a) {
        try {
            const r = await call<any[], any>(token.ledger, 'icrc1_transfer', {
                paramIdlTypes: [TransferArgs],
                returnIdlType: TransferResult,
                args: [{ to: toIcrc(a.to), amount: a.amount, fee: [a.fee], memo: [a.memo], from_subaccount: [], created_at_time: [a.createdAtTime] }]
            });
            return outcome(r);
        } catch (e) {
            return rejected(e);
        }
    },
    async balanceOfSelf(token: TokenConfig) {
        return await call<any[], bigint>(token.ledger, 'icrc1_balance_of', {
            paramIdlTypes: [AccountIdl],
            returnIdlType: IDL.Nat,
            args: [{ owner: canisterSelf(), subaccount: [] }]
        });
    }
};
