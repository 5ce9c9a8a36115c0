// The marketplace canister: its lifecycle (root/lifecycle.ts) with each module's Candid methods
// stacked on it; every module declares its own methods in its entry. The wiring between modules is
// explicit here: trust's hooks on the market.
import { CanisterLifecycle } from './root/lifecycle';
import { CatalogEntry } from './catalog/entry';
import { EscrowEntry } from './escrow/entry';
import { ReportersEntry } from './reporters/entry';
import { TrustEntry } from './trust/entry';
import { wireTrust } from './trust/exports';

wireTrust();

export default class Marketplace extends TrustEntry(EscrowEntry(ReportersEntry(CatalogEntry(CanisterLifecycle)))) {}
