import { describe, expect, it } from 'vitest';
import { movementsCsv } from './csv';
import type { Movement } from './types';

const m = (o: Partial<Movement>): Movement => ({ seq: 1n, at: 1_700_000_000_000_000_000n, kind: 'TransferDone', contractId: 8n, account: 'aaaaa-aa', token: 'TCY', amount: 140_000_000n, fee: 10_000n, block: 42n, ref: 'Refund #3', ...o });

describe('movements CSV', () => {
    it('writes exact amounts, the net after the fee and the ledger block', () => {
        const csv = movementsCsv([m({})], () => 'Refund arrived', (x) => x.amount - x.fee, () => 8);
        const [head, row] = csv.trim().split('\r\n');
        expect(head).toBe('seq,time,kind,description,contract,token,amount,fee,net,ledger_block,reference');
        expect(row).toBe('1,2023-11-14T22:13:20.000Z,TransferDone,Refund arrived,8,TCY,1.40000000,0.00010000,1.39990000,42,Refund #3');
    });
    it('quotes commas, quotes and cells a spreadsheet would run as formulas', () => {
        const csv = movementsCsv([m({ ref: '=HYPERLINK("x"), y' })], () => 'a, b', (x) => x.amount, () => 8);
        expect(csv).toContain('"a, b"');
        expect(csv).toContain('"=HYPERLINK(""x""), y"');
    });
});
