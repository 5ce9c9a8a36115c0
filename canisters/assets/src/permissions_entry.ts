// Permission methods as upstream guards them: ManagePermissions (or a controller) grants and
// revokes; anyone may drop their own permission; take_ownership (controllers) resets to the caller.
import { IDL, msgCaller, Principal, query, update } from 'azle';
import * as C from './candid';
import { grant, noPermissions, revoke, type PermissionName } from './domain/permissions';
import { permissionName, require, requireController, runtime, setPermissions, type EntryBase } from './runtime';

type PermissionVariant = { Commit: null } | { Prepare: null } | { ManagePermissions: null };
const ok = (text: string) => ({ Ok: text });

function change(principal: Principal, permission: PermissionName, f: typeof grant): void {
    setPermissions(f(runtime().permissions.read(), principal.toText(), permission));
}

export function PermissionsEntry<TBase extends EntryBase>(Base: TBase) {
    class Permissions extends Base {
        @update([IDL.Principal])
        authorize(other: Principal): void {
            require('ManagePermissions');
            change(other, 'Commit', grant);
        }

        @update([IDL.Principal])
        deauthorize(other: Principal): void {
            if (other.compareTo(msgCaller()) !== 'eq') require('ManagePermissions');
            change(other, 'Commit', revoke);
        }

        @query([], IDL.Vec(IDL.Principal))
        list_authorized(): Principal[] {
            return runtime().permissions.read().Commit.map((p) => Principal.fromText(p));
        }

        @update([C.GrantPermission])
        grant_permission(a: { to_principal: Principal; permission: PermissionVariant }): void {
            require('ManagePermissions');
            change(a.to_principal, permissionName(a.permission), grant);
        }

        @update([C.RevokePermission])
        revoke_permission(a: { of_principal: Principal; permission: PermissionVariant }): void {
            if (a.of_principal.compareTo(msgCaller()) !== 'eq') require('ManagePermissions');
            change(a.of_principal, permissionName(a.permission), revoke);
        }

        @query([C.ListPermitted], IDL.Vec(IDL.Principal))
        list_permitted(a: { permission: PermissionVariant }): Principal[] {
            return runtime().permissions.read()[permissionName(a.permission)].map((p) => Principal.fromText(p));
        }

        @update([])
        take_ownership(): void {
            requireController();
            setPermissions(grant(noPermissions(), msgCaller().toText(), 'Commit'));
        }

        @update([C.GrantPermission], C.ValidationResult)
        validate_grant_permission(a: { to_principal: Principal; permission: PermissionVariant }) {
            return ok(`grant ${permissionName(a.permission)} permission to principal ${a.to_principal.toText()}`);
        }

        @update([C.RevokePermission], C.ValidationResult)
        validate_revoke_permission(a: { of_principal: Principal; permission: PermissionVariant }) {
            return ok(`revoke ${permissionName(a.permission)} permission from principal ${a.of_principal.toText()}`);
        }

        @update([], C.ValidationResult)
        validate_take_ownership() {
            return ok('revoke all permissions, then gives the caller Commit permissions');
        }

        @update([C.CommitProposedBatchArguments], C.ValidationResult)
        validate_commit_proposed_batch(a: { batch_id: bigint; evidence: Uint8Array }) {
            return ok(`commit proposed batch ${a.batch_id} with evidence ${Array.from(a.evidence, (b) => b.toString(16).padStart(2, '0')).join('')}`);
        }

        @update([C.ConfigureArguments], C.ValidationResult)
        validate_configure() {
            return ok('configure');
        }
    }
    return Permissions;
}
