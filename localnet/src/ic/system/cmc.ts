// The cycles minting canister (rkp4c-7iaaa-aaaaa-aaaca-cai) as far as canister creation asks it:
// the subnets a new canister may go to (localnet has one application subnet).
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { RejectCode } from '../../types.js';
import { reject } from '../errors.js';
import type { Request } from '../host.js';
import type { Response } from '../state.js';
import type { BuiltinCanister } from './builtin.js';

export const CMC_ID = Principal.fromText('rkp4c-7iaaa-aaaaa-aaaca-cai');

const reply = (types: IDL.Type[], values: unknown[]): Response => ({ kind: 'reply', data: new Uint8Array(IDL.encode(types, values)) });

export class CyclesMintingCanister implements BuiltinCanister {
    readonly id = CMC_ID;

    constructor(private readonly subnetId: () => Principal) {}

    query(_caller: Principal, method: string, _arg: Uint8Array): Response {
        switch (method) {
            case 'get_default_subnets':
                return reply([IDL.Vec(IDL.Principal)], [[this.subnetId()]]);
            case 'get_subnet_types_to_subnets':
                return reply([IDL.Record({ data: IDL.Vec(IDL.Tuple(IDL.Text, IDL.Vec(IDL.Principal))) })], [{ data: [] }]);
            default:
                return reject(RejectCode.CanisterError, 'IC0536', `Error from Canister ${this.id.toText()}: Canister has no query method '${method}'.`);
        }
    }

    update(m: Request): Response {
        return this.query(m.from, m.method, m.arg);
    }
}
