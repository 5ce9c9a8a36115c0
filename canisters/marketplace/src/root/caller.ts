// Who is calling, for the modules' entry methods: the caller's text principal and the checks the
// entries share (controllers; privileged readers; a contract's parties).
import { isController, msgCaller } from 'azle';

import { unauthorized } from '../kernel/error';
import { L } from '../escrow/exports';
import { market } from './state';

/** A class the modules' entries extend (each entry is a mixin: the canister class stacks them). */
export type EntryBase = new (...args: any[]) => object;

export const caller = (): string => msgCaller().toText();
export const controllerOnly = (action: string) => (isController(msgCaller()) ? null : unauthorized(action, 'controllers only'));
/** Controllers and registered relays read everything (the relay through its role). */
export const privileged = (): boolean => isController(msgCaller()) || market().isRelay(caller());
export const party = (c: { tenant: string; provider: string }, who: string): boolean => c.tenant === who || c.provider === who || privileged();
export const emptyPage = { items: [], total: 0, next: [] };
/** The contract read rule by id: its tenant, its provider, controllers and relays (false for an unknown id: no existence oracle). */
export const readsContract = (id: bigint): boolean => {
    const c = market().store.contracts.get(id);
    return c !== undefined && party(c, caller());
};

/** Ids another caller's settleSla checks in full per call: anyone may trigger a settlement, but a free call's work stays small. */
export const SETTLE_OTHERS_MAX = 3;

/**
 * The ids a settleSla call works on: all for controllers and relays; else the caller's open
 * contracts (two index reads each, no record decoded) and at most SETTLE_OTHERS_MAX other ids.
 */
export function settleable(ids: readonly bigint[]): bigint[] {
    const unique = [...new Set(ids)];
    if (privileged()) return unique;
    const who = caller();
    const lists = market().lists;
    const mine = [L.openTenant(who), L.openProvider(who)].filter((g) => lists.count(g) > 0);
    let others = 0;
    return unique.filter((id) => mine.some((g) => lists.has(g, Number(id))) || ++others <= SETTLE_OTHERS_MAX);
}
