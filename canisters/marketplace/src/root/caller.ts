// Who is calling, for the modules' entry methods: the caller's text principal and the checks the
// entries share (controllers; privileged readers; a contract's parties).
import { isController, msgCaller } from 'azle';

import { unauthorized } from '../kernel/error';
import { market } from './state';

/** A class the modules' entries extend (each entry is a mixin: the canister class stacks them). */
export type EntryBase = new (...args: any[]) => object;

export const caller = (): string => msgCaller().toText();
export const controllerOnly = (action: string) => (isController(msgCaller()) ? null : unauthorized(action, 'controllers only'));
/** Controllers and registered relays read everything (the relay through its role). */
export const privileged = (): boolean => isController(msgCaller()) || market().isRelay(caller());
export const party = (c: { tenant: string; provider: string }, who: string): boolean => c.tenant === who || c.provider === who || privileged();
export const emptyPage = { items: [], total: 0, next: [] };
