// The certified tip on the IC: set after every appended block (updates and init), served with
// the system's data certificate by `icrc3_get_tip_certificate` (queries only).
import { certifiedDataSet, dataCertificate } from 'azle';
import { encodeTree, treeHash } from '../../common/hash_tree';
import { tipTree } from './domain';
import type { StableLedgerStore } from './storage';

function currentTree(store: StableLedgerStore) {
    const count = store.blockCount();
    const hash = store.tipHash();
    return count === 0n || hash === null ? null : tipTree(count - 1n, hash);
}

export function certifyTip(store: StableLedgerStore): void {
    const tree = currentTree(store);
    if (tree !== null) certifiedDataSet(treeHash(tree));
}

export function tipCertificate(store: StableLedgerStore): [] | [{ certificate: Uint8Array; hash_tree: Uint8Array }] {
    const tree = currentTree(store);
    const certificate = dataCertificate();
    return tree === null || certificate === undefined ? [] : [{ certificate, hash_tree: encodeTree(tree) }];
}
