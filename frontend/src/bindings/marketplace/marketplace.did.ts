// PLACEHOLDER until canisters/marketplace/marketplace.did exists; scripts/bindings.mjs overwrites it.
import type { IDL } from '@dfinity/candid';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type _SERVICE = Record<string, (...args: any[]) => Promise<any>>;
export const idlFactory: IDL.InterfaceFactory = ({ IDL }) => IDL.Service({});
