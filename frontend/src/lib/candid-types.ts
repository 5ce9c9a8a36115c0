/**
 * Names for the structural types of the generated bindings (Azle inlines every type in its .did,
 * so the generated TypeScript has no named records). Derived from method signatures: they follow
 * the Candid automatically.
 */
import type { _SERVICE as M } from '@declarations/marketplace';

type Ret<K extends keyof M> = Awaited<ReturnType<M[K]>>;
type Arg<K extends keyof M, I extends number> = Parameters<M[K]>[I];
type OkOf<R> = R extends { Ok: infer T } ? T : never;
type Some<O> = O extends [infer T] ? T : never;

export type CContract = Some<Ret<'getContract'>>;
export type COffering = Some<Ret<'getOffering'>>;
export type CProvider = Some<Ret<'getProvider'>>;
export type CContractBalance = Some<Ret<'contractBalance'>>;
export type CAccountBalance = Ret<'balanceOf'>;
export type CJournalPage = Ret<'journal'>;
export type CTransfer = OkOf<Ret<'withdraw'>>;
export type CCloseOutcome = OkOf<Ret<'cancelContract'>>;
export type CConfig = Ret<'getConfig'>;
export type COfferingInput = Arg<'createOffering', 0>;
export type COfferingFilter = Arg<'searchOfferings', 0>;
export type CProfileInput = Arg<'registerProvider', 0>;
export type CContractFilter = Arg<'listContracts', 0>;
export type CTrustProfile = Some<Ret<'trustProfile'>>;
export type CTrustCard = Ret<'trustCards'>[number];
export type CContractSignals = Some<Ret<'contractSignals'>>;
/** Where monitors probe a provisioned server (`setProbeEndpoint`, listed to them by `probeTargets`). */
export type CProbeEndpoint = Some<Arg<'setProbeEndpoint', 1>>;
