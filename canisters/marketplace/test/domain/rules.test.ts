import { describe, expect, it } from 'vitest';
import { quoteFor, timePrice } from '../../src/escrow/domain/pricing';
import { validateOffering, validateProfile } from '../../src/catalog/domain/offering';
import { search } from '../../src/catalog/domain/search';
import { resolve, transferMemo, applyResolution, newTransfer } from '../../src/escrow/domain/transfers';
import type { Offering, OfferingSpec } from '../../src/kernel/records';

export const spec = (over: Partial<OfferingSpec> = {}): OfferingSpec => ({
    name: 'Small VPS', description: '', productType: 'VPS', cpuCores: 2, ramMb: 4096, storageGb: 80, bandwidthMbps: 1000,
    gpu: '', gpuCount: 0, region: 'eu', country: 'DE', city: 'Berlin', token: 'ICP', pricePerMonth: 720_000n, setupFee: 1_000n,
    minHours: 1, maxHours: 8760, stock: 5, uptimeTargetBps: 9990, firstResponseMinutes: 60, ...over
});

describe('pricing', () => {
    const cases = [
        { name: 'one month', price: 720_000n, hours: 720, want: 720_000n },
        { name: 'one hour', price: 720_000n, hours: 1, want: 1_000n },
        { name: 'rounds down', price: 1_000n, hours: 1, want: 1n },
        { name: 'a year', price: 720n, hours: 8760, want: 8760n }
    ];
    for (const k of cases) it(k.name, () => expect(timePrice(k.price, k.hours)).toBe(k.want));
    it('setup fee only on the first quote', () => {
        expect(quoteFor({ pricePerMonth: 720_000n, setupFee: 5n }, 2, true)).toEqual({ hours: 2, amount: 2005n, setupFee: 5n });
        expect(quoteFor({ pricePerMonth: 720_000n, setupFee: 5n }, 2, false)).toEqual({ hours: 2, amount: 2000n, setupFee: 0n });
    });
});

describe('validation', () => {
    const bad: [string, Partial<OfferingSpec>, string][] = [
        ['empty name', { name: ' ' }, 'name'],
        ['unknown product type', { productType: 'Boat' as never }, 'productType'],
        ['negative cores', { cpuCores: -1 }, 'cpuCores'],
        ['no CPU (below plausible specs)', { cpuCores: 0 }, 'cpuCores'],
        ['1 MB of RAM (below plausible specs)', { ramMb: 1 }, 'ramMb'],
        ['zero price', { pricePerMonth: 0n }, 'pricePerMonth'],
        ['negative setup fee', { setupFee: -1n }, 'setupFee'],
        ['max below min', { minHours: 10, maxHours: 5 }, 'maxHours'],
        ['uptime above 100%', { uptimeTargetBps: 10_001 }, 'uptimeTargetBps'],
        ['fractional stock', { stock: 1.5 }, 'stock']
    ];
    for (const [name, over, field] of bad) {
        it(`rejects ${name}`, () => expect(validateOffering(spec(over), ['ICP'])).toEqual({ InvalidInput: { field, reason: expect.any(String) } }));
    }
    it('rejects an unknown token', () => expect(validateOffering(spec({ token: 'XYZ' }), ['ICP'])).toEqual({ UnknownToken: { token: 'XYZ' } }));
    it('accepts a good offering', () => expect(validateOffering(spec(), ['ICP'])).toBeNull());
    it('profile: name required, subaccount 32 bytes', () => {
        const p = { name: 'P', description: '', website: '', contacts: [{ kind: 'email', value: 'a@b' }], payout: { owner: 'x', subaccount: null } };
        expect(validateProfile(p)).toBeNull();
        expect(validateProfile({ ...p, name: '' })).toMatchObject({ InvalidInput: { field: 'name' } });
        expect(validateProfile({ ...p, payout: { owner: 'x', subaccount: new Uint8Array(3) } })).toMatchObject({ InvalidInput: { field: 'payout.subaccount' } });
    });
});

describe('search', () => {
    const off = (id: number, over: Partial<Offering>): Offering => ({ ...spec(), id: BigInt(id), provider: `p${id % 2}`, active: true, inUse: 0, createdAt: 0n, updatedAt: 0n, ...over });
    const all = [
        off(1, { region: 'eu', pricePerMonth: 100n }),
        off(2, { region: 'us', pricePerMonth: 200n, token: 'ckUSDC' }),
        off(3, { region: 'eu', pricePerMonth: 300n, gpuCount: 1, productType: 'GPU', cpuCores: 32 }),
        off(4, { region: 'eu', active: false }),
        off(5, { region: 'eu', stock: 1, inUse: 1 })
    ];
    const ids = (p: { items: Offering[] }) => p.items.map((o) => Number(o.id));
    const cases: [string, Parameters<typeof search>[1], number[]][] = [
        ['no filter hides inactive', {}, [1, 2, 3, 5]],
        ['region', { region: 'EU' }, [1, 3, 5]],
        ['price range', { minPrice: 150n, maxPrice: 300n }, [2, 3]],
        ['token', { token: 'ckUSDC' }, [2]],
        ['specs', { minCpuCores: 16 }, [3]],
        ['gpu', { gpu: true }, [3]],
        ['available stock', { available: true }, [1, 2, 3]],
        ['product type', { productType: 'GPU' }, [3]],
        ['inactive included', { includeInactive: true }, [1, 2, 3, 4, 5]]
    ];
    for (const [name, f, want] of cases) it(name, () => expect(ids(search(all, f, 0, 50))).toEqual(want));
    it('minimum trust score uses the hook', () => {
        expect(ids(search(all, { minTrustScore: 50 }, 0, 50, (p) => (p === 'p1' ? 80 : 20)))).toEqual([1, 3, 5]);
    });
    it('paginates', () => {
        const p = search(all, {}, 1, 2);
        expect(ids(p)).toEqual([2, 3]);
        expect(p.total).toBe(4);
        expect(p.next).toBe(3);
        expect(search(all, {}, 3, 2).next).toBeNull();
    });
});

describe('transfer outcomes', () => {
    const cases: [string, Parameters<typeof resolve>[0], string][] = [
        ['Ok is done', { kind: 'ok', block: 5n }, 'Done'],
        ['Duplicate is done', { kind: 'duplicate', block: 4n }, 'Done'],
        ['TemporarilyUnavailable stays in flight', { kind: 'error', code: 'TemporarilyUnavailable', message: '' }, 'InFlight'],
        ['CreatedInFuture stays in flight', { kind: 'error', code: 'CreatedInFuture', message: '' }, 'InFlight'],
        ['TooOld stays in flight (unknown)', { kind: 'error', code: 'TooOld', message: '' }, 'InFlight'],
        ['reject or lost reply stays in flight', { kind: 'unknown', message: 'x' }, 'InFlight'],
        ['InsufficientFunds fails', { kind: 'error', code: 'InsufficientFunds', message: '' }, 'Failed'],
        ['BadFee fails', { kind: 'error', code: 'BadFee', message: '' }, 'Failed'],
        ['GenericError fails', { kind: 'error', code: 'GenericError', message: '' }, 'Failed']
    ];
    for (const [name, o, want] of cases) it(name, () => expect(resolve(o).status).toBe(want));
    const afterUnknown: [string, Parameters<typeof resolve>[0], string][] = [
        ['Duplicate is done', { kind: 'duplicate', block: 4n }, 'Done'],
        ['GenericError proves nothing', { kind: 'error', code: 'GenericError', message: '' }, 'InFlight'],
        ['BadFee proves nothing (checked before dedup)', { kind: 'error', code: 'BadFee', message: '' }, 'InFlight'],
        ['InsufficientFunds is checked after dedup: failed', { kind: 'error', code: 'InsufficientFunds', message: '' }, 'Failed']
    ];
    for (const [name, o, want] of afterUnknown) it(`after an unknown outcome: ${name}`, () => expect(resolve(o, true).status).toBe(want));
    it('memo names the transfer; a resolved transfer is never changed again', () => {
        expect([...transferMemo(1, 258n)]).toEqual([1, 0, 0, 0, 0, 0, 1, 2]);
        const t = newTransfer({ id: 1n, kind: 'Withdrawal', account: 'p', token: 'ICP', amount: 100n, ledgerFee: 10n, to: { owner: 'p', subaccount: null }, contractId: null, now: 7n });
        const done = applyResolution(t, { kind: 'ok', block: 3n }, 8n);
        expect(done.status).toBe('Done');
        expect(applyResolution(done, { kind: 'error', code: 'GenericError', message: '' }, 9n)).toBe(done);
        expect(done.createdAtTime).toBe(7n);
    });
});
