import { describe, expect, it, vi } from 'vitest';
import { CanisterError } from '@/lib/canister-error';
import { CheckoutFlow, type CheckoutDeps, type CheckoutOptions } from './checkout-flow';

const opts = (o: Partial<CheckoutOptions> = {}): CheckoutOptions => ({
    pricePerMonth: 720_000_000n,
    setupFee: 0n,
    minHours: 1,
    maxHours: 2160,
    ledgerFee: 10_000n,
    trustWarning: undefined,
    icpayAvailable: false,
    ...o
});

function deps(over: Partial<CheckoutDeps> = {}): CheckoutDeps & { calls: string[] } {
    const calls: string[] = [];
    return {
        calls,
        requestContract: vi.fn(async (hours: number) => {
            calls.push(`request:${hours}`);
            return { contractId: 7n, due: BigInt(hours) * 1_000_000n };
        }),
        approve: vi.fn(async (amount: bigint) => {
            calls.push(`approve:${amount}`);
        }),
        fund: vi.fn(async (id: bigint) => {
            calls.push(`fund:${id}`);
        }),
        ...over
    };
}

describe('CheckoutFlow', () => {
    it('prices hours at monthly price × hours / 720 and walks configure → review → done', async () => {
        const d = deps();
        const f = new CheckoutFlow(opts(), d);
        f.setHours(24);
        expect(f.getSnapshot().quote.amount).toBe(24_000_000n);
        f.next();
        expect(f.getSnapshot().view).toBe('review');
        await f.confirm();
        expect(f.getSnapshot().view).toBe('done');
        expect(d.calls).toEqual(['request:24', 'approve:24010000', 'fund:7']);
        expect(f.getSnapshot().completed).toEqual(['requesting', 'approving', 'funding']);
    });

    it('a new wallet rental approves, then creates and pays the contract in one call: no unpaid request is left on the way', async () => {
        const rent = vi.fn(async (hours: number) => ({ contractId: 11n, due: BigInt(hours) * 1_000_000n }));
        const d = deps({ rent });
        const f = new CheckoutFlow(opts(), d);
        f.setHours(24);
        f.next();
        await f.confirm();
        expect(f.getSnapshot().view).toBe('done');
        expect(d.calls).toEqual(['approve:24010000']);
        expect(rent).toHaveBeenCalledWith(24);
        expect(d.requestContract).not.toHaveBeenCalled();
        expect(d.fund).not.toHaveBeenCalled();
        expect(f.getSnapshot().completed).toEqual(['approving', 'renting']);
        expect(f.getSnapshot().contractId).toBe(11n);
    });

    it('a refused one-call rental stops at "renting" with the canister error; retry rents again; ICPay still requests first', async () => {
        let n = 0;
        const rent = vi.fn(async () => {
            if (n++ === 0) throw new CanisterError('LedgerError', { operation: 'icrc2_transfer_from', message: 'InsufficientAllowance' }, 'rentOffering');
            return { contractId: 12n, due: 24_000_000n };
        });
        const d = deps({ rent });
        const f = new CheckoutFlow(opts(), d);
        f.setHours(24);
        f.next();
        await f.confirm();
        expect(f.getSnapshot().view).toBe('error');
        expect(f.getSnapshot().failedStep).toBe('renting');
        await f.retry();
        expect(f.getSnapshot().view).toBe('done');
        expect(rent).toHaveBeenCalledTimes(2);
        expect(d.calls).toEqual(['approve:24010000']);
        const icpay = new CheckoutFlow(opts({ icpayAvailable: true }), deps({ rent }));
        expect(icpay.steps('icpay')).toEqual(['requesting', 'icpay']);
        const resumed = new CheckoutFlow(opts({ resume: { contractId: 3n, hours: 24, due: 24_000_000n } }), deps({ rent }));
        expect(resumed.steps()).toEqual(['requesting', 'approving', 'funding']);
    });

    it('stops at the warning view until the risk is acknowledged', () => {
        const f = new CheckoutFlow(opts({ trustWarning: ['score 30'] }), deps());
        f.next();
        expect(f.getSnapshot().view).toBe('warning');
        f.next();
        expect(f.getSnapshot().view).toBe('warning');
        f.acknowledgeWarning();
        f.next();
        expect(f.getSnapshot().view).toBe('review');
    });

    it('rejects durations outside the offering limits', () => {
        const f = new CheckoutFlow(opts({ minHours: 24, maxHours: 48 }), deps());
        f.setHours(12);
        expect(f.hoursError()).toMatch(/at least 24/);
        f.next();
        expect(f.getSnapshot().view).toBe('configure');
    });

    it('records a typed canister error and retries from the failed step without a second contract', async () => {
        let fails = 1;
        const d = deps({
            fund: vi.fn(async () => {
                if (fails-- > 0) throw new CanisterError('InsufficientLedgerBalance', { balance: 0n, required: 1n });
            })
        });
        const f = new CheckoutFlow(opts(), d);
        f.next();
        await f.confirm();
        const s = f.getSnapshot();
        expect(s.view).toBe('error');
        expect(s.failedStep).toBe('funding');
        expect(s.error?.type).toBe('InsufficientLedgerBalance');
        await f.retry();
        expect(f.getSnapshot().view).toBe('done');
        expect(d.requestContract).toHaveBeenCalledTimes(1);
        expect(d.fund).toHaveBeenCalledTimes(2);
    });

    it('refuses to approve when the wallet cannot cover price and fees', async () => {
        const d = deps({ balance: async () => 5n });
        const f = new CheckoutFlow(opts(), d);
        f.next();
        await f.confirm();
        expect(f.getSnapshot().view).toBe('error');
        expect(f.getSnapshot().error?.message).toMatch(/balance does not cover/);
        expect(d.approve).not.toHaveBeenCalled();
    });

    it('refuses 1.5 hours instead of taking it as 1', () => {
        const f = new CheckoutFlow(opts(), deps());
        f.setHours(1.5);
        expect(f.getSnapshot().hours).toBe(1.5);
        expect(f.hoursError()).toMatch(/whole number/);
        f.next();
        expect(f.getSnapshot().view).toBe('configure');
    });

    it('goes back to review, charging nothing, when the canister quotes another price', async () => {
        const d = deps({ requestContract: vi.fn(async () => ({ contractId: 9n, due: 99_000_000n })) });
        const f = new CheckoutFlow(opts(), d);
        f.setHours(24);
        f.next();
        await f.confirm();
        expect(f.getSnapshot().view).toBe('review');
        expect(f.getSnapshot().notice).toMatch(/price changed/);
        expect(d.approve).not.toHaveBeenCalled();
        await f.confirm();
        expect(d.requestContract).toHaveBeenCalledTimes(1);
        expect(d.calls).toEqual(['approve:99010000', 'fund:9']);
    });

    it('resumes an unpaid contract at review: pays its amount due, creates nothing', async () => {
        const d = deps();
        const f = new CheckoutFlow(opts({ resume: { contractId: 4n, hours: 48, due: 48_000_000n } }), d);
        expect(f.getSnapshot().view).toBe('review');
        expect(f.walletTotal()).toBe(48_020_000n);
        await Promise.all([f.confirm(), f.confirm()]);
        expect(d.requestContract).not.toHaveBeenCalled();
        expect(d.calls).toEqual(['approve:48010000', 'fund:4']);
    });

    it('pays no approval fee when the contract turns out to be paid already (a stale page, another tab)', async () => {
        const d = deps({ currentDue: vi.fn(async () => undefined) });
        const f = new CheckoutFlow(opts({ resume: { contractId: 4n, hours: 48, due: 48_000_000n } }), d);
        await f.confirm();
        expect(f.getSnapshot().view).toBe('error');
        expect(f.getSnapshot().error?.message).toMatch(/already paid/);
        expect(d.approve).not.toHaveBeenCalled();
        expect(d.fund).not.toHaveBeenCalled();
    });
});
