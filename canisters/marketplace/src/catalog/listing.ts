// A price on being listed (README "A price on being listed"): a provider's offerings enter search
// once it paid the one-time listing fee, pulled by ICRC-2 from the provider straight into the
// platform's fee account (the canister never holds it, so its books are untouched). The pull is
// recorded on the provider before the ledger call and booked from its outcome, like a contract's:
// an unknown outcome is retried with the same created_at_time and memo, and past the ledger's
// dedup window looked up in its blocks, so the fee is never charged twice.
import { roundOf } from './domain/search';
import { CATALOG_LISTS, indexOffering } from './index_plan';
import { err, ok, type Account, type Listing, type ListingPull, type Provider, type Result } from '../kernel/records';
import { itemId, type Lists } from '../kernel/lists';
import { unauthorized } from '../kernel/error';
import type { Clock } from '../kernel/time';
import { Draft, resolve, type EscrowView, type LedgerGateway, type LedgerOutcome, type Plan, type TransferLookup } from '../escrow/exports';

/** Memo of a listing fee's pull: tag 6 (after the escrow's transfer tags 1–5); from + created_at_time make it unique. */
export const LISTING_MEMO = Uint8Array.of(6, 0, 0, 0, 0, 0, 0, 0);

const inProgress = { Err: { InvalidState: { status: 'listing fee pull in progress', operation: 'payListingFee' } } };
const pullError = (message: string) => err({ LedgerError: { operation: 'icrc2_transfer_from', message } });
const busyKey = (p: string): string => `listing:${p}`;

/** Lists the provider: the fee is booked and its active offerings enter search, each in its round. */
function listIn(d: Draft, p: Provider, paid: Omit<Listing, 'listedAt' | 'pull'>, offeringIds: bigint[]): Provider {
    offeringIds.forEach((id, k) => {
        const o = d.offering(id);
        if (o !== undefined) indexOffering(d, undefined, o, roundOf(k), true);
    });
    return d.putProvider({ ...p, listing: { ...paid, listedAt: d.now, pull: null } });
}

/** `payListingFee`, before the ledger call: the pull is recorded (or the provider listed at once while the fee is 0). */
export function planPayListing(v: EscrowView, caller: string, offeringIds: bigint[], now: bigint): Result<Plan<Provider>> {
    const p = v.provider(caller);
    if (p === undefined) return unauthorized('payListingFee', 'caller is not a registered provider');
    if (p.listing.listedAt !== null) return err({ AlreadyExists: { what: 'listing', id: caller } });
    if (v.isBusy(busyKey(caller))) return inProgress;
    const d = new Draft(v, now);
    if (p.listing.pull !== null) return ok(d.done(p));
    const fee = v.config().listingFee;
    if (fee.amount === 0n) return ok(d.done(listIn(d, p, { token: fee.token, amount: 0n, block: null }, offeringIds)));
    if (!v.config().tokens.some((t) => t.symbol === fee.token)) return err({ UnknownToken: { token: fee.token } });
    const to: Account | null = v.config().feeAccount;
    if (to === null) return err({ InvalidState: { status: 'no fee account configured', operation: 'payListingFee' } });
    const pull: ListingPull = { amount: fee.amount, createdAtTime: now, memo: LISTING_MEMO, uncertain: false, token: fee.token, to };
    return ok(d.done(d.putProvider({ ...p, listing: { ...p.listing, pull } })));
}

export type ListingOutcome = { kind: 'booked'; result: Result<Provider> } | { kind: 'reconcile' };

/** Books the outcome of the pull sent with `sentAt`. */
export function planListingOutcome(v: EscrowView, caller: string, sentAt: bigint, outcome: LedgerOutcome, offeringIds: bigint[], now: bigint): Plan<ListingOutcome> {
    const d = new Draft(v, now);
    const booked = (result: Result<Provider>) => d.done<ListingOutcome>({ kind: 'booked', result });
    const p = v.provider(caller)!;
    const pull = p.listing.pull;
    if (pull === null || pull.createdAtTime !== sentAt) return booked(p.listing.listedAt !== null ? ok(p) : inProgress);
    // Out of the dedup window after an attempt with an unknown outcome: only the blocks can tell.
    if (outcome.kind === 'error' && outcome.code === 'TooOld' && pull.uncertain) return d.done({ kind: 'reconcile' });
    const res = resolve(outcome, pull.uncertain);
    if (res.status === 'Done') return booked(ok(listIn(d, p, { token: pull.token, amount: pull.amount, block: res.block }, offeringIds)));
    if (res.status === 'Failed' || (outcome.kind === 'error' && outcome.code === 'TooOld')) {
        d.putProvider({ ...p, listing: { ...p.listing, pull: null } });
        return booked(pullError(res.reason));
    }
    if (outcome.kind === 'unknown' && !pull.uncertain) d.putProvider({ ...p, listing: { ...p.listing, pull: { ...pull, uncertain: true } } });
    return booked(pullError(`${res.reason}; call payListingFee again to retry`));
}

/** Books the block lookup of an uncertain pull: found → listed; absent → nothing was charged; unknown → try again later. */
export function planListingLookedUp(v: EscrowView, caller: string, sentAt: bigint, found: TransferLookup, offeringIds: bigint[], now: bigint): Plan<Result<Provider>> {
    const d = new Draft(v, now);
    const p = v.provider(caller)!;
    const pull = p.listing.pull;
    if (pull === null || pull.createdAtTime !== sentAt) return d.done(p.listing.listedAt !== null ? ok(p) : inProgress);
    if (found.kind === 'found') return d.done(ok(listIn(d, p, { token: pull.token, amount: pull.amount, block: found.block }, offeringIds)));
    if (found.kind === 'absent') {
        d.putProvider({ ...p, listing: { ...p.listing, pull: null } });
        return d.done(pullError("the pull is not in the ledger's blocks: nothing was charged; call payListingFee again"));
    }
    return d.done(pullError(`reconciliation pending: ${found.message}`));
}

export interface ListingDeps {
    view: EscrowView;
    lists: Lists;
    ledger: LedgerGateway;
    clock: Clock;
    /** The escrow's marks of outstanding ledger calls (key → when sent). */
    busy: Map<string, bigint>;
    commit<T>(plan: Plan<T>): T;
}

/** Runs `payListingFee`: plan + apply before the ledger call, the call marked outstanding, plan + apply after. */
export async function payListingFee(x: ListingDeps, caller: string): Promise<Result<Provider>> {
    // The provider's offerings in creation order (at most the quota per provider): their rounds.
    const ids = x.lists.page(CATALOG_LISTS.offeringsProvider(caller), 0, 1_000).items.map((i) => BigInt(itemId(i)));
    const before = planPayListing(x.view, caller, ids, x.clock());
    if ('Err' in before) return before;
    const p = x.commit(before.Ok);
    const pull = p.listing.pull;
    if (pull === null) return ok(p);
    const token = x.view.config().tokens.find((t) => t.symbol === pull.token);
    if (token === undefined) return err({ UnknownToken: { token: pull.token } });
    const from = { owner: caller, subaccount: null };
    const call = async <T>(f: () => Promise<T>, lost: (e: unknown) => T): Promise<T> => {
        x.busy.set(busyKey(caller), x.clock());
        try {
            return await f();
        } catch (e) {
            return lost(e);
        } finally {
            x.busy.delete(busyKey(caller));
        }
    };
    const args = { from, to: pull.to, amount: pull.amount, createdAtTime: pull.createdAtTime, memo: pull.memo };
    const outcome = await call<LedgerOutcome>(() => x.ledger.transferFrom(token, args), (e) => ({ kind: 'unknown', message: String(e) }));
    const next = x.commit(planListingOutcome(x.view, caller, pull.createdAtTime, outcome, ids, x.clock()));
    if (next.kind === 'booked') return next.result;
    const lookup = { memo: pull.memo, createdAtTime: pull.createdAtTime, pulledFrom: from, to: pull.to };
    const found = await call<TransferLookup>(() => x.ledger.findTransfer(token, lookup), (e) => ({ kind: 'unknown', message: String(e) }));
    return x.commit(planListingLookedUp(x.view, caller, pull.createdAtTime, found, ids, x.clock()));
}
