// A `Return` (a payment in another token than its contract's, sent back to its payer) carries its
// own deposit in the books: while in flight and once done it owes nothing to anyone else; if the
// ledger refuses it, the amount is owed to the payer (withdrawable), never lost.
import { describe, expect, it } from 'vitest';
import { Books, liabilities } from '../../src/escrow/domain/books';
import { newTransfer } from '../../src/escrow/domain/transfers';

const ret = newTransfer({ id: 1n, kind: 'Return', account: 'tenant', token: 'ICP', amount: 500n, ledgerFee: 10n, to: { owner: 'tenant', subaccount: null }, contractId: 7n, now: 0n });

describe('Return transfers in the books', () => {
    it('in flight: deposited and in flight, no balance debited (no contract funds it)', () => {
        const b = Books.build([], [ret]);
        const t = b.token('ICP');
        expect(t.deposited).toBe(500n);
        expect(t.inFlight).toBe(500n);
        expect(b.balance('tenant', 'ICP')).toBe(0n);
        expect(liabilities(t)).toBe(500n);
    });

    it('done: paid out, nothing owed; the same as built incrementally', () => {
        const done = { ...ret, status: 'Done' as const, block: 3n };
        const b = new Books();
        b.replaceTransfer(undefined, ret);
        b.replaceTransfer(ret, done);
        const t = b.token('ICP');
        expect(t.paidOut).toBe(500n);
        expect(liabilities(t)).toBe(0n);
        expect(b.balance('tenant', 'ICP')).toBe(0n);
        expect(Books.build([], [done]).token('ICP')).toEqual(t);
    });

    it('failed: owed to the payer, withdrawable', () => {
        const b = new Books();
        b.replaceTransfer(undefined, ret);
        b.replaceTransfer(ret, { ...ret, status: 'Failed', lastError: 'refused' });
        expect(b.balance('tenant', 'ICP')).toBe(500n);
        expect(liabilities(b.token('ICP'))).toBe(500n);
        expect(b.token('ICP').inFlight).toBe(0n);
    });
});
