// The subset of the management canister's interface that deploy clients use over the IC HTTP
// interface (dfx-style deployment to localnet: create with cycles, install).
import type { IDL } from '@dfinity/candid';

export const managementIdlFactory: IDL.InterfaceFactory = ({ IDL: I }) => {
    const settings = I.Record({ controllers: I.Opt(I.Vec(I.Principal)) });
    return I.Service({
        provisional_create_canister_with_cycles: I.Func(
            [I.Record({ settings: I.Opt(settings), specified_id: I.Opt(I.Principal), amount: I.Opt(I.Nat), sender_canister_version: I.Opt(I.Nat64) })],
            [I.Record({ canister_id: I.Principal })],
            []
        ),
        install_code: I.Func(
            [
                I.Record({
                    arg: I.Vec(I.Nat8),
                    wasm_module: I.Vec(I.Nat8),
                    mode: I.Variant({ install: I.Null, reinstall: I.Null, upgrade: I.Opt(I.Record({ skip_pre_upgrade: I.Opt(I.Bool) })) }),
                    canister_id: I.Principal,
                    sender_canister_version: I.Opt(I.Nat64)
                })
            ],
            [],
            []
        )
    });
};
