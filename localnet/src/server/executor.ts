// The real executor (src/ic/) with wall-clock time and its file persistence, as `runLocalnet`
// uses it in `npm run localnet`.
import { LocalIcImpl } from '../ic/local_ic.js';
import { hasState, loadState, saveState } from '../ic/persistence.js';
import type { IcFactory } from './run.js';

export const localIcFactory: IcFactory<LocalIcImpl> = {
    create: certifier => new LocalIcImpl({ clock: 'wall', certifier }),
    load: (dir, certifier) => loadState(dir, { clock: 'wall', certifier }),
    save: (ic, dir) => saveState(ic, dir),
    hasState
};
