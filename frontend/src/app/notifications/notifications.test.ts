import { describe, expect, it } from 'vitest';
import type { Contract } from '@/features/contracts/types';
import type { Movement } from '@/features/wallet/types';
import { noticesFor } from './notifications';

const ME = 'me';
const c = (over: Partial<Contract>): Contract =>
    ({ id: 3n, offeringId: 1n, offeringName: 'Box', provider: 'p', tenant: ME, token: 'TCY', status: 'Active', statusSince: 5n, createdAt: 1n, due: undefined, segments: [], total: 0n, deposited: 0n, released: 0n, refunded: 0n, fee: 0n, feeBps: 100, earnedUnreleased: undefined, connection: '', history: [], historyOmitted: 0, feedbackGiven: undefined, ...over }) as Contract;
const mv = (over: Partial<Movement>): Movement => ({ seq: 1n, at: 10n, kind: 'TransferDone', contractId: 3n, account: ME, token: 'TCY', amount: 100n, fee: 1n, block: 7n, ref: 'Refund #1', ...over });

describe('notifications', () => {
    it('tells the tenant about acceptance, provisioning, credits and refunds, newest first', () => {
        const rented = [c({ history: [{ status: 'Accepted', actor: 'p', role: 'provider', at: 2n, note: '' }, { status: 'Provisioned', actor: 'p', role: 'provider', at: 3n, note: '' }] })];
        const n = noticesFor(ME, rented, [], [mv({ seq: 1n, at: 9n, kind: 'SlaCredit', amount: 5n, fee: 0n, ref: '' }), mv({ seq: 2n, at: 11n })]);
        expect(n.map((x) => x.text)).toEqual([
            'Refund received in your wallet:',
            'SLA credit for contract #3:',
            'Your server for contract #3 is provisioned: connection details are on the contract page.',
            'Your request #3 was accepted by the provider.'
        ]);
        expect(n[0]!.amount).toBe(99n); // what arrived: amount − ledger fee
    });
    it('tells the provider about payouts and new requests, and says when a transfer failed', () => {
        const n = noticesFor(ME, [], [c({ tenant: 't', provider: ME, status: 'Pending' })], [mv({ ref: 'Withdrawal #2' }), mv({ seq: 2n, kind: 'TransferFailed', ref: 'Withdrawal #3: boom' })]);
        expect(n.map((x) => x.text)).toEqual(['Payout received in your wallet:', 'A transfer to your wallet could not be delivered; the amount is back on your marketplace balance:', 'New request #3 waits for your decision.']);
    });
    it("ignores other accounts' movements", () => {
        expect(noticesFor(ME, [], [], [mv({ account: 'someone else' })])).toEqual([]);
    });
});
