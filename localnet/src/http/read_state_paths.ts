// Which `read_state` paths a caller may read at a canister or subnet endpoint, as the IC decides:
// `request_status` only for its sender, private metadata only for controllers, `canister/...`
// only for the effective canister, `canister_ranges/<subnet_id>` only at the subnet endpoint.
import { Principal } from '@dfinity/principal';

import type { Path } from '../crypto/witness.js';
import type { LocalIc } from '../types.js';
import { BadRequest, Forbidden, NotFound } from './errors.js';
import { hex } from './request_id.js';
import { isController } from './state_tree.js';

export interface PathRequest {
    path: Uint8Array[];
    effective: Principal;
    isSubnet: boolean;
    caller: Principal;
}

const dec = (b: Uint8Array | undefined): string => new TextDecoder().decode(b ?? new Uint8Array(0));

/** Refuses paths the caller may not read; adds the others to `out`. `senders`: request id (hex) → sender. */
export function checkPath(ic: LocalIc, senders: Map<string, string>, r: PathRequest, out: Path[]): void {
    const { path, effective, isSubnet, caller } = r;
    switch (dec(path[0])) {
        case 'time':
            return; // always present
        case 'subnet':
            out.push(path);
            return;
        case 'canister_ranges':
            if (!isSubnet) throw new NotFound('canister_ranges is only available at the subnet endpoint');
            if (path[1] === undefined) throw new BadRequest('canister_ranges paths need a subnet id');
            out.push(path.slice(0, 2));
            return;
        case 'request_status': {
            if (isSubnet) throw new NotFound('request_status is not available at the subnet endpoint');
            const rid = path[1];
            if (rid === undefined || rid.length !== 32) throw new BadRequest('request_status paths need a 32-byte request id');
            const sender = senders.get(hex(rid));
            if (sender !== undefined && sender !== caller.toText()) {
                throw new Forbidden(`Request ${hex(rid)} was not sent by ${caller.toText()}`);
            }
            out.push(path.slice(0, 2));
            return;
        }
        case 'canister':
            canisterPath(ic, r, out);
            return;
        default:
            throw new NotFound(`Unknown read_state path: ${path.map((p) => dec(p)).join('/')}`);
    }
}

function canisterPath(ic: LocalIc, { path, effective, isSubnet, caller }: PathRequest, out: Path[]): void {
    if (isSubnet) throw new NotFound('canister paths are not available at the subnet endpoint');
    const cidBytes = path[1];
    if (cidBytes === undefined) throw new BadRequest('canister paths need a canister id');
    const cid = Principal.fromUint8Array(cidBytes);
    if (cid.compareTo(effective) !== 'eq') {
        throw new BadRequest(`Effective canister id ${effective.toText()} does not match the path's canister ${cid.toText()}`);
    }
    const what = dec(path[2]);
    if (what === 'metadata') {
        if (path[3] === undefined) throw new BadRequest('metadata paths need a section name');
        const info = ic.canisterInfo(cid);
        const section = info?.metadata.get(dec(path[3]));
        if (info && section?.visibility === 'private' && !isController(info, caller)) {
            throw new Forbidden(`Metadata section ${dec(path[3])} of ${cid.toText()} is private`);
        }
        out.push(path.slice(0, 4));
    } else if (what === 'module_hash' || what === 'controllers') {
        out.push(path.slice(0, 3));
    }
}
