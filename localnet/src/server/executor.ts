// The real executor (src/ic/) with wall-clock time and its file persistence, as `runLocalnet`
// uses it in `npm run localnet` (matches run.ts's `IcFactory`).
import type { Certifier } from '../types.js';
import { LocalIcImpl } from '../ic/local_ic.js';
import { hasState, loadState, saveState } from '../ic/persistence.js';
import type { IcFactory } from './run.js';

export const localIcFactory: IcFactory<LocalIcImpl> = {
    create: (certifier: Certifier): LocalIcImpl => new LocalIcImpl({ clock: 'wall', certifier, systemCanisters: true }),
    load: (dir: string, certifier: Certifier): LocalIcImpl => loadState(dir, { clock: 'wall', certifier, systemCanisters: true }),
    save: (ic: LocalIcImpl, dir: string): void => saveState(ic, dir),
    hasState: (dir: string): boolean => hasState(dir)
};
