// The asset canister (DFINITY's assets.did): certified static assets for the app, uploaded by
// dfx, icp-cli or @dfinity/assets. Lifecycle here; each entry declares its methods.
import { IDL, init, msgCaller, postUpgrade } from 'azle';
import * as C from './candid';
import { grant, noPermissions, type PermissionLists } from './domain/permissions';
import { PermissionsEntry } from './permissions_entry';
import { ReadEntry } from './read_entry';
import { recertify, runtime, setPermissions } from './runtime';
import { UploadEntry } from './upload_entry';

type SetPermissions = { prepare: { toText(): string }[]; commit: { toText(): string }[]; manage_permissions: { toText(): string }[] };
type Args = [] | [{ Init: { set_permissions: [] | [SetPermissions] } } | { Upgrade: { set_permissions: [] | [SetPermissions] } }];

const listsOf = (s: SetPermissions): PermissionLists => ({
    Prepare: s.prepare.map((p) => p.toText()),
    Commit: s.commit.map((p) => p.toText()),
    ManagePermissions: s.manage_permissions.map((p) => p.toText())
});
const setOf = (args: Args): SetPermissions | null => {
    const a = args[0];
    if (a === undefined) return null;
    const inner = 'Init' in a ? a.Init : a.Upgrade;
    return inner.set_permissions[0] ?? null;
};

class Lifecycle {
    @init([IDL.Opt(C.AssetCanisterArgs)])
    init(args: Args): void {
        const set = setOf(args);
        // Upstream: the installer may commit; set_permissions replaces the lists.
        setPermissions(set === null ? grant(noPermissions(), msgCaller().toText(), 'Commit') : listsOf(set));
        recertify();
    }

    @postUpgrade([IDL.Opt(C.AssetCanisterArgs)])
    postUpgrade(args: Args): void {
        const set = setOf(args);
        if (set !== null) setPermissions(listsOf(set));
        runtime();
        recertify();
    }
}

export default class Assets extends ReadEntry(UploadEntry(PermissionsEntry(Lifecycle))) {}
