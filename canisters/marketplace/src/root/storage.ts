// Stable storage of the market half (catalog, escrow, reporters: one store, written by the one
// apply, since escrow changes offering stock and catalog lists share the index memory). Records,
// indexes, books and due times all live in StableBTreeMaps and survive upgrades; each record is
// under its layout version (kernel/record.ts).
//
// Memory ids (one place; the trust module uses ids from 20 up):
//   0  config        0 → Config (tokens/ledgers, request timeout, fee bps, relays, fee account)
//   1  providers     principal text → Provider
//   2  offerings     id → Offering
//   3  contracts     id → Contract (one record per contract: segments, money, status history)
//   4  transfers     id → Transfer (outgoing icrc1_transfer, in flight / done / failed)
//   5  journal       seq → JournalEntry (append-only book of every movement)
//   6  payments      ICPay payment id → contract id (each payment credited at most once)
//   7  index         the kernel's lists (contracts by tenant/provider/status, journal and transfers
//                    by contract and account, offerings by provider and search facet), quotas
//   8  balances      account|token → withdrawable balance (kept on every write)
//   9  totals        token → per-token totals; '~neg' → count of negative balances
//  10  due order     (due time, contract id) keys: the first are the earliest due
//  11  due at        contract id → its current due time
// Nothing is derived in the heap: postUpgrade reads nothing but the config.
import { catalogStorage, CATALOG_MEMORY } from '../catalog/storage';
import type { Store } from '../escrow/exports';
import { escrowStorage, ESCROW_MEMORY } from '../escrow/storage';

export const MEMORY = { ...ESCROW_MEMORY, ...CATALOG_MEMORY };

/** The market half's store: the catalog's maps and the escrow's, written by the one apply. */
export function stableStore(): Store {
    return { ...catalogStorage(), ...escrowStorage() };
}
