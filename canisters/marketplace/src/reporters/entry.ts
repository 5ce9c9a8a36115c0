// The reporter list's Candid methods (controllers): the relay role. `setTrustReporter` (trust/entry.ts)
// edits the same list with both roles.
import { IDL, Principal, update } from 'azle';

import * as C from '../root/candid';
import { caller, controllerOnly, type EntryBase } from '../root/caller';
import { MANUAL, sig } from '../platform/reply';
import { market } from '../root/state';
import type { ReporterRole } from '../kernel/records';

const S = {
    addRelay: sig([IDL.Principal], C.ResultConfig),
    removeRelay: sig([IDL.Principal], C.ResultConfig)
};

function changeRoles(action: string, p: string, f: (roles: ReporterRole[]) => ReporterRole[]) {
    const denied = controllerOnly(action);
    if (denied !== null) return denied;
    const m = market();
    const r = m.setReporterRoles(p, f(m.reporterRoles(p)), caller());
    return 'Err' in r ? r : { Ok: C.configOut(m.config()) };
}

export const ReportersEntry = <B extends EntryBase>(Base: B) =>
    class extends Base {
        /** Adds the relay role to `p` in the one reporter list (other roles kept); same list as `setTrustReporter`. */
        @update(S.addRelay.params, S.addRelay.ret, MANUAL)
        addRelay(): void {
            const [p] = S.addRelay.args() as [Principal];
            return S.addRelay.reply(changeRoles('addRelay', p.toText(), (roles) => [...roles, 'relay']));
        }

        /** Removes the relay role from `p` (a monitor role is kept). */
        @update(S.removeRelay.params, S.removeRelay.ret, MANUAL)
        removeRelay(): void {
            const [p] = S.removeRelay.args() as [Principal];
            return S.removeRelay.reply(changeRoles('removeRelay', p.toText(), (roles) => roles.filter((r) => r !== 'relay')));
        }
    };
