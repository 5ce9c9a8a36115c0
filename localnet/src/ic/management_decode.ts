// Candid arguments of management canister methods, refused as the IC refuses them (IC0408).
import { IDL } from '@dfinity/candid';

import { RejectCode } from '../types.js';
import { RejectError } from './errors.js';
import type { Request } from './host.js';

export function decode<T>(type: IDL.Type, m: Request): T {
    try {
        const [value] = IDL.decode([type], m.arg);
        return value as T;
    } catch (e) {
        throw new RejectError(
            RejectCode.CanisterReject,
            'IC0408',
            `Error decoding candid for ic00 method ${m.method}: ${(e as Error).message}`
        );
    }
}

export function decodeEmpty(m: Request): void {
    if (m.arg.length === 0) return;
    try {
        IDL.decode([], m.arg);
    } catch (e) {
        throw new RejectError(RejectCode.CanisterReject, 'IC0408', `Error decoding candid for ic00 method ${m.method}: ${(e as Error).message}`);
    }
}
