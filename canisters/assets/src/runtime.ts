// The canister's single state: stored assets (stable), the certification tree and upload batches
// (heap, rebuilt from the stored assets after an upgrade), and the permission checks entries share.
import { certifiedDataSet, isController, msgCaller, time, trap } from 'azle';
import { Batches } from './domain/batches';
import { can, type PermissionLists, type PermissionName } from './domain/permissions';
import { AssetKeeper } from './keeper';
import { stableAssetStore, stablePermissions } from './storage';

export type EntryBase = new (...args: any[]) => object;

interface Runtime {
    store: ReturnType<typeof stableAssetStore>;
    keeper: AssetKeeper;
    batches: Batches;
    permissions: ReturnType<typeof stablePermissions>;
    /** Time of the last change of the assets (get_state_info). */
    lastUpdateNs: bigint;
}

let instance: Runtime | null = null;

export function runtime(): Runtime {
    if (instance === null) {
        const store = stableAssetStore();
        const batches = new Batches();
        const keeper = new AssetKeeper(store, (id) => batches.chunk(id));
        instance = { store, keeper, batches, permissions: stablePermissions(), lastUpdateNs: 0n };
    }
    return instance;
}

/** After a change to the assets: the new root becomes the certified data. */
export function recertify(): void {
    const rt = runtime();
    rt.lastUpdateNs = time();
    certifiedDataSet(rt.keeper.certified.rootHash());
}

/** Traps (upstream's guard rejection) unless the caller holds `permission` or controls the canister. */
export function require(permission: PermissionName): void {
    const caller = msgCaller();
    if (!can(runtime().permissions.read(), caller.toText(), permission, isController(caller))) {
        trap(`Caller does not have ${permission} permission and is not a controller.`);
    }
}

export function requireController(): void {
    if (!isController(msgCaller())) trap('Caller is not a controller.');
}

/** Runs `f`, turning a thrown domain error into a trap (the message changes nothing). */
export function orTrap<T>(f: () => T): T {
    try {
        return f();
    } catch (e) {
        return trap((e as Error).message);
    }
}

export const permissionName = (p: { Commit: null } | { Prepare: null } | { ManagePermissions: null }): PermissionName => Object.keys(p)[0] as PermissionName;
export const permissionVariant = (p: PermissionName) => ({ [p]: null }) as { Commit: null };

export function setPermissions(lists: PermissionLists): void {
    runtime().permissions.write(lists);
}
