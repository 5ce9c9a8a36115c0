// An in-memory ICRC-1/ICRC-2 ledger for keeper tests, with fault injection:
//   'reject'      the call is rejected before the ledger executes it (outcome unknown to the caller)
//   'lostReply'   the ledger executes the call but the reply is lost (caller sees a reject)
//   'unavailable' TemporarilyUnavailable
//   'genericError'GenericError
//   'badFee'      BadFee with the true fee
//   'hold'        the call waits until release() (to interleave other messages around the await)
import type { LedgerGateway } from '../../src/escrow/ports';
import type { LedgerOutcome } from '../../src/escrow/domain/transfers';
import type { Account, TokenConfig } from '../../src/kernel/records';

export type Fault = 'reject' | 'lostReply' | 'unavailable' | 'genericError' | 'badFee' | 'hold';

const acct = (a: Account): string => `${a.owner}:${a.subaccount === null ? '' : Buffer.from(a.subaccount).toString('hex')}`;

export class FakeLedger implements LedgerGateway {
    readonly balances = new Map<string, bigint>();
    readonly allowances = new Map<string, bigint>();
    private readonly seen = new Map<string, bigint>();
    /** `${createdAtTime}|${memo hex}` of every executed call, to tell executed-but-unanswered calls apart. */
    readonly executed = new Set<string>();
    /** Block of each executed outgoing transfer, by `${createdAtTime}|${memo hex}` (the ledger's block log). */
    private readonly log = new Map<string, bigint>();
    blocks = 0n;
    readonly faults: Fault[] = [];
    private held: (() => void)[] = [];
    calls = 0;

    constructor(readonly self: string, public fee = 10n) {}

    key(token: string, a: Account): string {
        return `${token}|${acct(a)}`;
    }
    balance(token: string, owner: string): bigint {
        return this.balances.get(this.key(token, { owner, subaccount: null })) ?? 0n;
    }
    mint(token: string, owner: string, amount: bigint): void {
        const k = this.key(token, { owner, subaccount: null });
        this.balances.set(k, (this.balances.get(k) ?? 0n) + amount);
    }
    approve(token: string, owner: string, amount: bigint): void {
        this.allowances.set(`${token}|${owner}`, amount);
    }
    /** Releases calls waiting on a 'hold' fault. */
    release(): void {
        const h = this.held;
        this.held = [];
        for (const r of h) r();
    }

    private async fault(): Promise<Fault | undefined> {
        this.calls++;
        const f = this.faults.shift();
        if (f === 'hold') {
            await new Promise<void>((r) => this.held.push(r));
            return this.faults.shift();
        }
        return f;
    }

    private move(token: string, from: Account, to: Account, amount: bigint, fee: bigint): void {
        const fk = this.key(token, from);
        const tk = this.key(token, to);
        this.balances.set(fk, (this.balances.get(fk) ?? 0n) - amount - fee);
        this.balances.set(tk, (this.balances.get(tk) ?? 0n) + amount);
    }

    async transferFrom(token: TokenConfig, a: { from: Account; to?: Account; amount: bigint; createdAtTime: bigint; memo: Uint8Array }): Promise<LedgerOutcome> {
        const f = await this.fault();
        if (f === 'reject') throw new Error('CallRejected: canister unreachable');
        if (f === 'unavailable') return { kind: 'error', code: 'TemporarilyUnavailable', message: '' };
        if (f === 'genericError') return { kind: 'error', code: 'GenericError', message: 'boom' };
        const dk = `from|${token.symbol}|${acct(a.from)}|${a.amount}|${a.createdAtTime}|${Buffer.from(a.memo).toString('hex')}`;
        const dup = this.seen.get(dk);
        if (dup !== undefined) return { kind: 'duplicate', block: dup };
        const ak = `${token.symbol}|${a.from.owner}`;
        const allowance = this.allowances.get(ak) ?? 0n;
        if (allowance < a.amount + this.fee) return { kind: 'error', code: 'InsufficientAllowance', message: `allowance ${allowance}` };
        const bal = this.balances.get(this.key(token.symbol, a.from)) ?? 0n;
        if (bal < a.amount + this.fee) return { kind: 'error', code: 'InsufficientFunds', message: `balance ${bal}` };
        this.allowances.set(ak, allowance - a.amount - this.fee);
        this.move(token.symbol, a.from, a.to ?? { owner: this.self, subaccount: null }, a.amount, this.fee);
        const block = this.blocks++;
        this.seen.set(dk, block);
        this.executed.add(`${a.createdAtTime}|${Buffer.from(a.memo).toString('hex')}`);
        this.log.set(`pull|${a.from.owner}|${a.createdAtTime}|${Buffer.from(a.memo).toString('hex')}`, block);
        if (f === 'lostReply') throw new Error('CallRejected: reply lost');
        return { kind: 'ok', block };
    }

    async transfer(token: TokenConfig, a: { to: Account; amount: bigint; fee: bigint; createdAtTime: bigint; memo: Uint8Array }): Promise<LedgerOutcome> {
        const f = await this.fault();
        if (f === 'reject') throw new Error('CallRejected: canister unreachable');
        if (f === 'unavailable') return { kind: 'error', code: 'TemporarilyUnavailable', message: '' };
        if (f === 'genericError') return { kind: 'error', code: 'GenericError', message: 'boom' };
        if (f === 'badFee' || a.fee !== this.fee) return { kind: 'error', code: 'BadFee', message: `expected ${this.fee}`, expectedFee: this.fee };
        const dk = `to|${token.symbol}|${acct(a.to)}|${a.amount}|${a.createdAtTime}|${Buffer.from(a.memo).toString('hex')}`;
        const dup = this.seen.get(dk);
        if (dup !== undefined) return { kind: 'duplicate', block: dup };
        const self = { owner: this.self, subaccount: null };
        const bal = this.balances.get(this.key(token.symbol, self)) ?? 0n;
        if (bal < a.amount + a.fee) return { kind: 'error', code: 'InsufficientFunds', message: `balance ${bal}` };
        this.move(token.symbol, self, a.to, a.amount, a.fee);
        const block = this.blocks++;
        this.seen.set(dk, block);
        this.executed.add(`${a.createdAtTime}|${Buffer.from(a.memo).toString('hex')}`);
        this.log.set(`${a.createdAtTime}|${Buffer.from(a.memo).toString('hex')}`, block);
        if (f === 'lostReply') throw new Error('CallRejected: reply lost');
        return { kind: 'ok', block };
    }

    async findTransfer(_token: TokenConfig, a: { memo: Uint8Array; createdAtTime: bigint; pulledFrom?: Account }) {
        const f = await this.fault();
        if (f === 'reject') return { kind: 'unknown' as const, message: 'CallRejected: canister unreachable' };
        const pull = a.pulledFrom === undefined ? '' : `pull|${a.pulledFrom.owner}|`;
        const block = this.log.get(`${pull}${a.createdAtTime}|${Buffer.from(a.memo).toString('hex')}`);
        return block === undefined ? { kind: 'absent' as const } : { kind: 'found' as const, block };
    }

    async balanceOfSelf(token: TokenConfig): Promise<bigint> {
        const f = await this.fault();
        if (f === 'reject') throw new Error('CallRejected: canister unreachable');
        return this.balance(token.symbol, this.self);
    }
}
