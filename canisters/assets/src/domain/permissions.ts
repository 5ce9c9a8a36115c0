// Upstream's permission model: Prepare (create batches and chunks), Commit (change assets; implies
// Prepare), ManagePermissions (grant and revoke). Controllers may do everything. Pure.
export type PermissionName = 'Commit' | 'Prepare' | 'ManagePermissions';
export const PERMISSIONS: PermissionName[] = ['Commit', 'Prepare', 'ManagePermissions'];

export type PermissionLists = Record<PermissionName, string[]>;

export const noPermissions = (): PermissionLists => ({ Commit: [], Prepare: [], ManagePermissions: [] });

export function can(lists: PermissionLists, principal: string, permission: PermissionName, isController: boolean): boolean {
    if (isController) return true;
    if (lists[permission].includes(principal)) return true;
    return permission === 'Prepare' && lists.Commit.includes(principal);
}

export function grant(lists: PermissionLists, principal: string, permission: PermissionName): PermissionLists {
    if (lists[permission].includes(principal)) return lists;
    return { ...lists, [permission]: [...lists[permission], principal] };
}

export function revoke(lists: PermissionLists, principal: string, permission: PermissionName): PermissionLists {
    return { ...lists, [permission]: lists[permission].filter((p) => p !== principal) };
}
