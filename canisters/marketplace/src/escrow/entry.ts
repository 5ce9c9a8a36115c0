// The escrow's Candid methods, stacked for the canister class: contracts, money, operations.
import type { EntryBase } from '../root/caller';
import { ContractsEntry } from './entry/contracts';
import { MoneyEntry } from './entry/money';
import { OperationsEntry } from './entry/operations';

export const EscrowEntry = <B extends EntryBase>(Base: B) => OperationsEntry(MoneyEntry(ContractsEntry(Base)));
