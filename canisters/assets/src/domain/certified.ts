// The certification tree of the served assets: which responses are certified under which paths,
// kept per asset so that a change re-certifies only that asset (and the fallback when it is
// /index.html). Pure: hashes come from the asset records; the canister sets the root as certified data.
import { fromHex } from '../../../common/hash_tree';
import { sha256 } from '../../../common/sha256';
import { utf8 } from '../../../common/utf8';
import { aliasedBy, servedHeaders, type Asset } from './assets';
import { FALLBACK_KEY, responseHash, responsePath } from './certification';
import { emptyNode, insertPath, labelTreeHash, removePath, witness, type LabelTree } from './label_tree';
import type { HashTree } from '../../../common/hash_tree';

export interface CertifiedResponse {
    /** The tree path of the leaf, and the expression path (up to <$> or <*>) the header names. */
    path: Uint8Array[];
    exprPath: string[];
}

export class CertifiedAssets {
    private readonly tree: LabelTree = emptyNode();
    private readonly byAsset = new Map<string, Uint8Array[][]>();

    /** Certifies every encoding of `asset` under its key, its aliases, and the fallback for /index.html. */
    certify(asset: Asset): void {
        this.forget(asset.key);
        const paths: Uint8Array[][] = [];
        for (const [name, enc] of Object.entries(asset.encodings)) {
            const { exprHash, respHash } = hashes(asset, name, fromHex(enc.sha256));
            const keys = [asset.key, ...((asset.isAliased ?? true) ? aliasedBy(asset.key) : [])];
            for (const key of keys) paths.push(responsePath(key, exprHash, respHash));
            if (asset.key === FALLBACK_KEY) paths.push(responsePath(null, exprHash, respHash));
        }
        for (const p of paths) insertPath(this.tree, p, new Uint8Array(0));
        this.byAsset.set(asset.key, paths);
    }

    forget(key: string): void {
        for (const p of this.byAsset.get(key) ?? []) removePath(this.tree, p);
        this.byAsset.delete(key);
    }

    clear(): void {
        for (const key of [...this.byAsset.keys()]) this.forget(key);
    }

    rootHash(): Uint8Array {
        return labelTreeHash(this.tree);
    }

    /** The witness proving the served response's leaf and the absence of anything more specific. */
    witnessFor(leaf: Uint8Array[], lookups: Uint8Array[][]): HashTree {
        return witness(this.tree, [leaf, ...lookups]);
    }
}

/** Expression and response hashes of a 200 answer with `encoding` of `asset`. */
export function hashes(asset: Asset, encoding: string, bodyHash: Uint8Array): { exprHash: Uint8Array; respHash: Uint8Array } {
    const headers = servedHeaders(asset, encoding);
    const expression = headers[headers.length - 1]![1];
    return { exprHash: sha256(utf8(expression)), respHash: responseHash(headers, 200, bodyHash) };
}
