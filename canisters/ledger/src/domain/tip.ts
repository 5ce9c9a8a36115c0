// ICRC-3's certified tip: a hash tree with two leaves, the index of the last block (LEB128) and
// its hash, whose root the ledger sets as its certified data after every block.
import { leb128 } from './icrc3';
import type { HashTree } from '../../../common/hash_tree';

// Fixed labels, encoded once (the runtime's TextEncoder is a slow JS polyfill).
const LAST_BLOCK_HASH = new TextEncoder().encode('last_block_hash');
const LAST_BLOCK_INDEX = new TextEncoder().encode('last_block_index');

export function tipTree(lastIndex: bigint, lastHash: Uint8Array): HashTree {
    // Labels in byte order: "last_block_hash" < "last_block_index".
    return [1, [2, LAST_BLOCK_HASH, [3, lastHash]], [2, LAST_BLOCK_INDEX, [3, leb128(lastIndex)]]];
}
