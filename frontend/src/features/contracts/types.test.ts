import { describe, expect, it } from 'vitest';
import { billingStopped, type StatusChange } from './types';

const change = (status: StatusChange['status'], role: string): StatusChange => ({ status, actor: 'x', role, at: 0n, note: '' });

describe('billingStopped (the canister rule, shown on the contract page)', () => {
    it("is true only while the provider's pause is the latest change", () => {
        expect(billingStopped({ status: 'Paused', history: [change('Active', 'system'), change('Paused', 'provider')] })).toBe(true);
        expect(billingStopped({ status: 'Paused', history: [change('Active', 'system'), change('Paused', 'tenant')] })).toBe(false);
        expect(billingStopped({ status: 'Active', history: [change('Paused', 'provider'), change('Active', 'tenant')] })).toBe(false);
    });
});
