// An in-memory ICPay for keeper tests, moving money on the FakeLedger as the local ICPay canister
// does: the payer's transfer to ICPay (memo = the SDK's packed account/contract), ICPay's fees,
// and the forward of the account's share to the escrow — now, later, to someone else, or never.
import type { IcpayGateway, IcpayTx, LedgerTransfer } from '../../src/escrow/exports';
import type { Market } from '../../src/root/market';
import type { FakeLedger } from './fake_ledger';

export const ICPAY = 'icpay-canister';
export const ACCOUNT = 7n;
const LEDGER = 'ledger-icp';

export function packMemo(account: bigint, code: bigint): Uint8Array {
    const out: number[] = [];
    for (let v = (account << 32n) | code; v > 0n; v >>= 8n) out.push(Number(v & 0xffn));
    return Uint8Array.from(out);
}

export interface Fees {
    platformBps: bigint;
    relayBps: bigint;
}

export class FakeIcpay implements IcpayGateway {
    readonly txs = new Map<bigint, IcpayTx>();
    readonly blocks = new Map<bigint, LedgerTransfer>();
    private block = 1_000n;
    down = false;

    constructor(readonly ledger: FakeLedger, readonly self: string, public fees: Fees = { platformBps: 50n, relayBps: 0n }) {}

    /** Wires it into the market: the keeper's gateway and the config's ICPay canister and account. */
    static into(m: Market, ledger: FakeLedger, self: string, fees?: Fees): FakeIcpay {
        const f = new FakeIcpay(ledger, self, fees);
        m.escrow.icpay = f;
        m.updateConfig((c) => ({ ...c, icpay: { canister: ICPAY, account: ACCOUNT } }));
        return f;
    }

    private move(from: string, to: string, amount: bigint, memo: Uint8Array | null): bigint {
        this.ledger.mint('ICP', from, 0n);
        this.ledger.balances.set(this.ledger.key('ICP', { owner: from, subaccount: null }), this.ledger.balance('ICP', from) - amount - this.ledger.fee);
        this.ledger.mint('ICP', to, amount);
        const b = this.block++;
        this.blocks.set(b, { from, to, toSubaccount: null, amount, memo });
        return b;
    }

    /** The net that reaches the account of a gross payment. */
    net(gross: bigint): bigint {
        return gross - (gross * this.fees.platformBps) / 10_000n - (gross * this.fees.relayBps) / 10_000n - this.ledger.fee;
    }

    /** A payer pays `gross` for `contractId`; forwarded to `to` unless `hold`. The payer's wallet is minted first. */
    pay(payer: string, contractId: bigint, gross: bigint, o: { hold?: boolean; to?: string; memoContract?: bigint } = {}): IcpayTx {
        this.ledger.mint('ICP', payer, gross + this.ledger.fee);
        const memo = packMemo(ACCOUNT, o.memoContract ?? contractId);
        const received = this.move(payer, ICPAY, gross, memo);
        const platformFee = (gross * this.fees.platformBps) / 10_000n;
        const relayFee = (gross * this.fees.relayBps) / 10_000n;
        const share = this.net(gross);
        const tx: IcpayTx = {
            id: BigInt(this.txs.size + 1), status: 'Received', account: ACCOUNT, ledger: LEDGER, sender: payer, recipient: o.to ?? this.self, memo,
            amount: gross, accountAmount: share, platformFee, relayFee, transferFee: this.ledger.fee, received, split: { amount: share, block: null }
        };
        this.txs.set(tx.id, tx);
        if (!o.hold) this.forward(tx.id);
        return this.txs.get(tx.id)!;
    }

    forward(id: bigint): void {
        const t = this.txs.get(id)!;
        const block = this.move(ICPAY, t.recipient!, t.accountAmount, null);
        this.txs.set(id, { ...t, status: 'Completed', split: { amount: t.accountAmount, block } });
    }

    async transaction(canister: string, id: bigint): Promise<IcpayTx | null> {
        if (this.down) throw new Error('ICPay unreachable');
        return canister === ICPAY ? (this.txs.get(id) ?? null) : null;
    }

    async recent(canister: string, account: bigint, limit: number): Promise<IcpayTx[]> {
        if (this.down) throw new Error('ICPay unreachable');
        return canister === ICPAY ? [...this.txs.values()].filter((t) => t.account === account && t.status === 'Completed').slice(-limit) : [];
    }

    async transfers(_ledger: string, indexes: bigint[]): Promise<Map<bigint, LedgerTransfer>> {
        if (this.down) throw new Error('ledger unreachable');
        return new Map(indexes.flatMap((i) => (this.blocks.has(i) ? [[i, this.blocks.get(i)!] as const] : [])));
    }
}
