import { MAX_MEMO_LENGTH } from './memo';
import type { LedgerConfig } from './types';

export type MetadataValue =
    | { Nat: bigint }
    | { Int: bigint }
    | { Text: string }
    | { Blob: Uint8Array };

export function metadata(config: LedgerConfig): [string, MetadataValue][] {
    return [
        ['icrc1:name', { Text: config.name }],
        ['icrc1:symbol', { Text: config.symbol }],
        ['icrc1:decimals', { Nat: BigInt(config.decimals) }],
        ['icrc1:fee', { Nat: config.fee }],
        ['icrc1:max_memo_length', { Nat: BigInt(MAX_MEMO_LENGTH) }]
    ];
}

export const SUPPORTED_STANDARDS = [
    { name: 'ICRC-1', url: 'https://github.com/dfinity/ICRC-1/tree/main/standards/ICRC-1' },
    { name: 'ICRC-2', url: 'https://github.com/dfinity/ICRC-1/tree/main/standards/ICRC-2' },
    { name: 'ICRC-3', url: 'https://github.com/dfinity/ICRC-1/tree/main/standards/ICRC-3' }
];
