// A local ICPay canister with upstream's Candid (the subset the SDK and the marketplace call): it
// reads the payer's ledger block, records the Transaction with ICPay's fees, and forwards the
// account's share to the account's recipient. Test controls (off unless init enables them) make it
// forward late (`Hold`, then `forward_held`), to another principal (`Redirect`), or not at all.
import { canisterSelf, IDL, init, isController, msgCaller, postUpgrade, query, time, trap, update } from 'azle';

import * as C from './candid';
import { forwarded, received } from './domain/notify';
import type { Forwarding, Transaction, TransactionStatus } from './domain/types';
import { forward, incomingAt } from './ledger';
import { Store } from './storage';

type Notification = { block_index: bigint; ledger_canister_id: string };
type NotifyOut = { Ok: { id: string; status: TransactionStatus; amount: bigint } } | { Err: string };
const MAX_PAGE = 100;
const statusKey = (s: TransactionStatus) => Object.keys(s)[0];

export default class {
    store = new Store();

    @init([C.InitArgs])
    init(a: { accounts: any[]; ledgers: any[]; test_controls: boolean }): void {
        this.store.setConfig({
            accounts: a.accounts.map((x) => ({ ...x, recipient: x.recipient.toText() })),
            ledgers: a.ledgers.map((l) => ({ ...l, canister_id: l.canister_id.toText() })),
            testControls: a.test_controls,
            forwarding: { Now: null }
        });
    }

    @postUpgrade([C.InitArgs], { manual: true })
    postUpgrade(): void {}

    @update([C.LedgerTransactionNotification, IDL.Nat64, IDL.Opt(IDL.Nat), IDL.Opt(IDL.Text)], C.Result1)
    async notify_ledger_transaction_v2(n: Notification, accountId: bigint, external: [] | [bigint], recipient: [] | [string]): Promise<NotifyOut> {
        return this.notify(n, accountId, external[0] ?? 0n, recipient[0] ?? null);
    }

    /** Legacy notify: the account is read from the memo. */
    @update([C.LedgerTransactionNotification], C.Result1)
    async notify_ledger_transaction(n: Notification): Promise<NotifyOut> {
        return this.notify(n, null, 0n, null);
    }

    private async notify(n: Notification, accountId: bigint | null, external: bigint, recipient: string | null): Promise<NotifyOut> {
        const cfg = this.store.config;
        const ledger = cfg.ledgers.find((l) => l.canister_id === n.ledger_canister_id);
        if (ledger === undefined) return { Err: `ledger ${n.ledger_canister_id} is not allowed` };
        const known = this.replyFor(n);
        if (known !== null) return known;
        const incoming = await incomingAt(ledger.canister_id, n.block_index);
        if (typeof incoming === 'string') return { Err: incoming };
        // Another notify of the same block may have run during the await.
        const again = this.replyFor(n);
        if (again !== null) return again;
        const acct = accountId ?? (incoming.memo === null ? 0n : memoAccount(incoming.memo));
        const c = this.store.config;
        const r = received({
            id: this.store.nextId(), self: canisterSelf().toText(), ledger, account: c.accounts.find((x) => x.account_canister_id === acct), accountId: acct,
            block: n.block_index, incoming, external, recipient, forwarding: c.forwarding, now: time()
        });
        if ('Err' in r) return r;
        this.store.put(r.Ok);
        if ('Hold' in c.forwarding) return reply(r.Ok);
        return reply(await this.forwardTx(r.Ok));
    }

    private replyFor(n: Notification): NotifyOut | null {
        const id = this.store.receivedAs(n.ledger_canister_id, n.block_index);
        return id === undefined ? null : reply(this.store.tx(id)!);
    }

    private async forwardTx(t: Transaction): Promise<Transaction> {
        const to = t.recipient_principal_id[0]!;
        const done = forwarded(t, await forward(t.ledger_canister_id, to, t.account_amount, t.transfer_fee, t.memo[0] ?? null), time());
        this.store.put(done);
        return done;
    }

    @query([IDL.Nat], IDL.Opt(C.Transaction))
    get_transaction(id: bigint): [] | [Transaction] {
        const t = this.store.tx(id);
        return t === undefined ? [] : [t];
    }

    @query([IDL.Nat64, IDL.Nat, IDL.Opt(IDL.Nat64)], IDL.Opt(C.PublicTxStatus))
    get_transaction_status_public(account: bigint, id: bigint, index: [] | [bigint]): [] | [{ status: TransactionStatus; amount: bigint }] {
        const t = this.store.tx(id);
        if (t === undefined || t.account_canister_id !== account) return [];
        if (index.length === 1 && t.index_received[0] !== index[0]) return [];
        return [{ status: t.status, amount: t.amount }];
    }

    @query([C.TransactionFilter], C.TransactionResult)
    get_transactions(f: any): { transactions: Transaction[]; total_count: number; has_more: boolean } {
        const keep = (t: Transaction) =>
            (f.account_canister_id.length === 0 || t.account_canister_id === f.account_canister_id[0]) &&
            (f.ledger_canister_id.length === 0 || t.ledger_canister_id === f.ledger_canister_id[0]) &&
            (f.status.length === 0 || statusKey(t.status) === statusKey(f.status[0])) &&
            (f.from_timestamp.length === 0 || t.timestamp >= f.from_timestamp[0]) &&
            (f.to_timestamp.length === 0 || t.timestamp <= f.to_timestamp[0]);
        const limit = Math.min(f.limit[0] ?? MAX_PAGE, MAX_PAGE);
        const offset = f.offset[0] ?? 0;
        // Bounded by the page asked for: scans at most offset + limit + 1 matches from `from_id`.
        const scanned = this.store.page(f.from_id[0] ?? 1n, 10_000).filter(keep);
        const page = scanned.slice(offset, offset + limit);
        return { transactions: page, total_count: scanned.length, has_more: scanned.length > offset + limit };
    }

    /** Upstream's account record: the fees (basis points) and the relay address (`wallet_address`). */
    @query([IDL.Nat64], IDL.Opt(C.Account))
    get_account(id: bigint): [] | [object] {
        const a = this.store.config.accounts.find((x) => x.account_canister_id === id);
        if (a === undefined) return [];
        return [{
            account_canister_id: a.account_canister_id, relay_fee_percentage: [a.relay_fee_percentage], payout_count: [], refund_count: [],
            platform_fee_percentage: a.platform_fee_percentage, subaccount: [], wallet_address: a.recipient, payout_limit: [], refund_limit: [],
            icp_account_identifier: [], platform_fee_fixed: [a.platform_fee_fixed], is_active: true, splits: []
        }];
    }

    @query([], IDL.Vec(C.AllowedLedgerInfo))
    list_allowed_ledgers(): object[] {
        return this.store.config.ledgers.map((l) => ({ canister_id: l.canister_id, allowed: true, minimum_amount: l.minimum_amount, minimal_platform_fee: 0n, standard: { Icrc: null } }));
    }

    @query([], IDL.Text)
    get_version(): string {
        return 'trustcloud-local-icpay 1';
    }

    // ------------------------------------------------------------ test-only controls

    @update([C.Forwarding], C.Result)
    set_forwarding(mode: { Now: null } | { Hold: null } | { Redirect: any }): { Ok: null } | { Err: string } {
        this.testOnly();
        const f: Forwarding = 'Redirect' in mode ? { Redirect: mode.Redirect.toText() } : mode;
        this.store.setConfig({ ...this.store.config, forwarding: f });
        return { Ok: null };
    }

    /** Forwards a held transaction now (a late forward). */
    @update([IDL.Nat], C.Result1)
    async forward_held(id: bigint): Promise<NotifyOut> {
        this.testOnly();
        const t = this.store.tx(id);
        if (t === undefined) return { Err: `transaction ${id} not found` };
        if (!('Received' in t.status)) return { Err: `transaction ${id} is ${statusKey(t.status)}` };
        return reply(await this.forwardTx(t));
    }

    private testOnly(): void {
        if (!this.store.config.testControls || !isController(msgCaller())) trap('test controls are off (or the caller is not a controller)');
    }
}

function reply(t: Transaction): NotifyOut {
    return { Ok: { id: t.id.toString(), status: t.status, amount: t.amount } };
}

function memoAccount(memo: Uint8Array): bigint {
    let v = 0n;
    for (let i = 0; i < memo.length && i < 8; i++) v |= BigInt(memo[i]!) << BigInt(8 * i);
    return v >> 32n;
}
