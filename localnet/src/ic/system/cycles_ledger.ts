// The cycles ledger (um5iw-rqaaa-aaaaq-qaaba-cai) as icp-cli meets it: ICRC-1 balances of cycles,
// `create_canister` paid from the caller's balance (the ledger's 100M fee, then the CMC's creation
// fee out of the amount, as on mainnet), `withdraw` to top up a canister, and a development faucet
// (`mint`, reached through localnet's `/_/cycles/faucet`) instead of ICP → CMC minting.
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { RejectCode } from '../../types.js';
import { reject } from '../errors.js';
import type { ManagementHost, Request } from '../host.js';
import type { SettingsArg } from '../management_idl.js';
import { mergeSettings } from '../settings.js';
import { defaultSettings, type Response } from '../state.js';
import type { BuiltinCanister } from './builtin.js';
import { Account, CreateCanisterArgs, CreateCanisterResult, MetadataValue, WithdrawArgs, WithdrawResult } from './cycles_ledger_idl.js';

export const CYCLES_LEDGER_ID = Principal.fromText('um5iw-rqaaa-aaaaq-qaaba-cai');
/** The cycles ledger's transfer fee (cycles-ledger README: 100M cycles). */
export const CYCLES_LEDGER_FEE = 100_000_000n;
/** What the CMC charges for a new canister on a 13-node application subnet (500B cycles). */
export const CANISTER_CREATION_FEE = 500_000_000_000n;

type AccountArg = { owner: Principal; subaccount: [] | [Uint8Array | number[]] };
const key = (owner: Principal, sub: [] | [Uint8Array | number[]] | undefined): string =>
    `${owner.toText()}.${Buffer.from(Uint8Array.from(sub?.[0] ?? new Uint8Array(32))).toString('hex')}`;
const reply = (types: IDL.Type[], values: unknown[]): Response => ({ kind: 'reply', data: new Uint8Array(IDL.encode(types, values)) });

export interface CyclesLedgerHost extends Pick<ManagementHost, 'createCanisterNow' | 'canister'> {
    subnetId(): Principal;
}

export class CyclesLedger implements BuiltinCanister {
    readonly id = CYCLES_LEDGER_ID;
    readonly balances = new Map<string, bigint>();
    blocks = 0n;

    constructor(private readonly host: CyclesLedgerHost) {}

    balance(owner: Principal, sub?: [] | [Uint8Array | number[]]): bigint {
        return this.balances.get(key(owner, sub)) ?? 0n;
    }

    /** Development faucet: credits `amount` cycles; returns the block index. */
    mint(owner: Principal, amount: bigint): bigint {
        this.balances.set(key(owner, []), this.balance(owner) + amount);
        return this.blocks++;
    }

    private debit(k: string, amount: bigint): bigint {
        this.balances.set(k, (this.balances.get(k) ?? 0n) - amount);
        return this.blocks++;
    }

    query(_caller: Principal, method: string, arg: Uint8Array): Response {
        switch (method) {
            case 'icrc1_balance_of': {
                const [a] = IDL.decode([Account], arg) as unknown as [AccountArg];
                return reply([IDL.Nat], [this.balance(a.owner, a.subaccount)]);
            }
            case 'icrc1_fee':
                return reply([IDL.Nat], [CYCLES_LEDGER_FEE]);
            case 'icrc1_decimals':
                return reply([IDL.Nat8], [12]);
            case 'icrc1_symbol':
                return reply([IDL.Text], ['TCYCLES']);
            case 'icrc1_name':
                return reply([IDL.Text], ['Trillion Cycles']);
            case 'icrc1_total_supply':
                return reply([IDL.Nat], [[...this.balances.values()].reduce((a, b) => a + b, 0n)]);
            case 'icrc1_metadata':
                return reply([IDL.Vec(IDL.Tuple(IDL.Text, MetadataValue))], [[['icrc1:decimals', { Nat: 12n }], ['icrc1:fee', { Nat: CYCLES_LEDGER_FEE }], ['icrc1:symbol', { Text: 'TCYCLES' }]]]);
            default:
                return reject(RejectCode.CanisterError, 'IC0536', `Error from Canister ${this.id.toText()}: Canister has no query method '${method}'.`);
        }
    }

    update(m: Request): Response {
        try {
            if (m.method === 'create_canister') return this.createCanister(m);
            if (m.method === 'withdraw') return this.withdraw(m);
        } catch (e) {
            return reject(RejectCode.CanisterError, 'IC0503', `Error from Canister ${this.id.toText()}: Canister called \`ic0.trap\` with message: ${(e as Error).message}`);
        }
        return this.query(m.from, m.method, m.arg);
    }

    private createCanister(m: Request): Response {
        const [a] = IDL.decode([CreateCanisterArgs], m.arg) as unknown as [{
            from_subaccount: [] | [Uint8Array];
            amount: bigint;
            creation_args: [] | [{ subnet_selection: [] | [{ Subnet: { subnet: Principal } } | { Filter: unknown }]; settings: [] | [SettingsArg] }];
        }];
        const k = key(m.from, a.from_subaccount);
        const balance = this.balances.get(k) ?? 0n;
        const err = (e: unknown): Response => reply([CreateCanisterResult], [{ Err: e }]);
        if (balance < a.amount + CYCLES_LEDGER_FEE) return err({ InsufficientFunds: { balance } });
        const selection = a.creation_args[0]?.subnet_selection[0];
        if (selection && 'Subnet' in selection && selection.Subnet.subnet.compareTo(this.host.subnetId()) !== 'eq') {
            return err({ GenericError: { message: `Subnet ${selection.Subnet.subnet.toText()} does not exist or is not authorized`, error_code: 0n } });
        }
        if (a.amount < CANISTER_CREATION_FEE) {
            const fee_block = this.debit(k, CYCLES_LEDGER_FEE);
            return err({ FailedToCreate: { fee_block: [fee_block], refund_block: [], error: `Creating a canister requires a fee of ${CANISTER_CREATION_FEE} cycles` } });
        }
        const settings = a.creation_args[0]?.settings[0];
        let merged: ReturnType<typeof mergeSettings> | null = null;
        try {
            merged = settings ? mergeSettings(defaultSettings(), settings) : null;
        } catch (e) {
            return err({ FailedToCreate: { fee_block: [], refund_block: [], error: (e as Error).message } });
        }
        const block_id = this.debit(k, a.amount + CYCLES_LEDGER_FEE);
        const c = this.host.createCanisterNow(merged?.controllers ?? [m.from], a.amount - CANISTER_CREATION_FEE);
        if (merged) c.settings = merged.settings;
        return reply([CreateCanisterResult], [{ Ok: { block_id, canister_id: c.id } }]);
    }

    private withdraw(m: Request): Response {
        const [a] = IDL.decode([WithdrawArgs], m.arg) as unknown as [{ amount: bigint; from_subaccount: [] | [Uint8Array]; to: Principal }];
        const k = key(m.from, a.from_subaccount);
        const balance = this.balances.get(k) ?? 0n;
        if (balance < a.amount + CYCLES_LEDGER_FEE) return reply([WithdrawResult], [{ Err: { InsufficientFunds: { balance } } }]);
        const target = this.host.canister(a.to);
        if (!target) return reply([WithdrawResult], [{ Err: { InvalidReceiver: { receiver: a.to } } }]);
        const block = this.debit(k, a.amount + CYCLES_LEDGER_FEE);
        target.cycles += a.amount;
        target.dirty = true;
        return reply([WithdrawResult], [{ Ok: block }]);
    }
}
