import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOW, account, config, MemoryLedger, minter } from './memory_ledger';
import { approve, transfer, transferFrom } from './helpers';

const users = ['u1', 'u2', 'u3'].map((owner) => account(owner));
const party = fc.constantFrom(...users, minter);
const amount = fc.bigInt({ min: 0n, max: 60_000n });
const createdAt = fc.option(fc.constantFrom(NOW, NOW - 1n), { nil: null });

const command = fc.oneof(
    fc.record({ op: fc.constant('transfer' as const), from: party, to: party, amount, createdAt }),
    fc.record({ op: fc.constant('approve' as const), from: party, to: party, amount, createdAt }),
    fc.record({
        op: fc.constant('transfer_from' as const), spender: party, from: party, to: party, amount, createdAt
    })
);

describe('ledger invariants under random requests', () => {
    it('conserves supply, never overdraws and logs one block per success', () => {
        fc.assert(
            fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
                const ledger = new MemoryLedger(config());
                for (const user of users) ledger.mint(user, 100_000n);
                let successes = users.length;
                for (const c of commands) {
                    const req = { from: c.from, amount: c.amount, createdAtTime: c.createdAt };
                    const result =
                        c.op === 'transfer' ? transfer(ledger, { ...req, to: c.to })
                        : c.op === 'approve' ? approve(ledger, { ...req, spender: c.to })
                        : transferFrom(ledger, { ...req, to: c.to, spender: c.spender });
                    if ('Ok' in result) successes++;
                }
                const balances = [...ledger.balances.values()];
                expect(balances.every((b) => b >= 0n)).toBe(true);
                expect(balances.reduce((a, b) => a + b, 0n)).toBe(ledger.totalSupply());
                expect(ledger.blocks).toHaveLength(successes);
                expect([...ledger.allowances.values()].every((a) => a.amount > 0n)).toBe(true);
            })
        );
    });

    it('applies a retried request with created_at_time at most once', () => {
        fc.assert(
            fc.property(command, (c) => {
                const ledger = new MemoryLedger(config());
                for (const user of users) ledger.mint(user, 100_000n);
                const req = { from: c.from, amount: c.amount, createdAtTime: NOW };
                const run = () =>
                    c.op === 'transfer' ? transfer(ledger, { ...req, to: c.to })
                    : c.op === 'approve' ? approve(ledger, { ...req, spender: c.to })
                    : transferFrom(ledger, { ...req, to: c.to, spender: c.spender });
                const first = run();
                const blocks = ledger.blocks.length;
                const second = run();
                if ('Ok' in first) expect(second).toEqual({ Err: { Duplicate: { duplicate_of: first.Ok } } });
                else expect(second).toEqual(first);
                expect(ledger.blocks).toHaveLength(blocks);
            })
        );
    });
});
