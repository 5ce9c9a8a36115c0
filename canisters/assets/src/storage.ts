// Stable storage (kept across upgrades, as upstream keeps its assets): asset records as JSON,
// content chunks as raw bytes, permission lists. Batches and chunks being uploaded stay in the heap
// (an upgrade drops them, as upstream's expire).
import { StableBTreeMap, type Serializable } from 'azle';
import { utf8 } from '../../common/utf8';
import type { Asset } from './domain/assets';
import { noPermissions, PERMISSIONS, type PermissionLists, type PermissionName } from './domain/permissions';
import type { AssetStore } from './keeper';

const textKey: Serializable = { toBytes: (s: string) => utf8(s), fromBytes: (b: Uint8Array) => new TextDecoder().decode(b) };
const rawBytes: Serializable = { toBytes: (b: Uint8Array) => b, fromBytes: (b: Uint8Array) => b };

const chunkKey = (key: string, encoding: string, index: number): string => `${key}\u0000${encoding}\u0000${index}`;

export function stableAssetStore(): AssetStore {
    const assets = new StableBTreeMap<string, Asset>(0, textKey);
    const chunks = new StableBTreeMap<string, Uint8Array>(1, textKey, rawBytes);
    return {
        asset: (key) => assets.get(key) ?? undefined,
        putAsset: (asset) => void assets.insert(asset.key, asset),
        removeAsset: (key) => void assets.remove(key),
        keys: () => assets.keys(),
        chunk: (key, encoding, index) => chunks.get(chunkKey(key, encoding, index)) ?? undefined,
        putChunks: (key, encoding, list) => list.forEach((c, i) => chunks.insert(chunkKey(key, encoding, i), c)),
        removeChunks: (key, encoding, count) => {
            for (let i = 0; i < count; i++) chunks.remove(chunkKey(key, encoding, i));
        }
    };
}

export interface PermissionStore {
    read(): PermissionLists;
    write(lists: PermissionLists): void;
}

export function stablePermissions(): PermissionStore {
    const map = new StableBTreeMap<PermissionName, string[]>(2);
    return {
        read: () => {
            const lists = noPermissions();
            for (const p of PERMISSIONS) lists[p] = map.get(p) ?? [];
            return lists;
        },
        write: (lists) => {
            for (const p of PERMISSIONS) map.insert(p, lists[p]);
        }
    };
}
