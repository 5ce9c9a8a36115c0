// The real executor (src/ic/) with wall-clock time and its file persistence, as `runLocalnet`
// uses it in `npm run localnet`. Defined by the IC core in src/index.ts; typed here.
import type { LocalIcImpl } from '../ic/local_ic.js';
import { localIcFactory as coreFactory } from '../index.js';
import type { IcFactory } from './run.js';

export const localIcFactory: IcFactory<LocalIcImpl> = coreFactory;
