// Test-only caller: pays through the ledger from another canister and reports what it saw, so the
// ledger's faults can be checked as an inter-canister caller (the marketplace) experiences them.
import { call, IDL, Principal, update } from 'azle';
import { TransferArgs, TransferResult } from 'azle/canisters/icrc_1/idl';

const Outcome = IDL.Variant({
    Replied: TransferResult,
    Rejected: IDL.Record({ code: IDL.Nat32, message: IDL.Text })
});

type Outcome = { Replied: unknown } | { Rejected: { code: number; message: string } };

export default class {
    @update([IDL.Principal, TransferArgs], Outcome)
    async pay(ledger: Principal, args: unknown): Promise<Outcome> {
        try {
            const result = await call(ledger, 'icrc1_transfer', {
                paramIdlTypes: [TransferArgs],
                returnIdlType: TransferResult,
                args: [args]
            });
            return { Replied: result };
        } catch (error: unknown) {
            const { rejectCode, rejectMessage } = error as { rejectCode: number; rejectMessage: string };
            return { Rejected: { code: rejectCode, message: rejectMessage } };
        }
    }
}
