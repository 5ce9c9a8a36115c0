// Canister id allocation like PocketIC's application subnet: the first id is
// `lxzze-o7777-77777-aaaaa-cai` (u64 0xFFFFFFFFFFE00000), then consecutive u64s. An IC canister id
// is the 8-byte big-endian u64 followed by 0x01 0x01.
import { Principal } from '@dfinity/principal';

export const FIRST_CANISTER_ID = 0xffffffffffe00000n;
export const MANAGEMENT_CANISTER_ID = Principal.managementCanister();

export function canisterIdFromU64(n: bigint): Principal {
    const bytes = new Uint8Array(10);
    new DataView(bytes.buffer).setBigUint64(0, n);
    bytes[8] = 0x01;
    bytes[9] = 0x01;
    return Principal.fromUint8Array(bytes);
}

/** The u64 of an IC canister id, or null when the principal is not a canister id. */
export function canisterIdToU64(p: Principal): bigint | null {
    const b = p.toUint8Array();
    if (b.length !== 10 || b[8] !== 0x01 || b[9] !== 0x01) return null;
    return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0);
}

export function isManagement(p: Principal): boolean {
    return p.toUint8Array().length === 0;
}

export function hex(bytes: Uint8Array): string {
    return Buffer.from(bytes).toString('hex');
}
