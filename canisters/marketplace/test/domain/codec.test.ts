import { describe, expect, it } from 'vitest';
import { configCodec, contractCodec, fromUtf8, idKey, journalCodec, jsFrameText, offeringCodec, providerCodec, transferCodec, unframeText } from '../../src/platform/codec';
import { newTransfer } from '../../src/escrow/domain/transfers';
import { harness, unwrap, T } from './harness';

describe('stable codecs round-trip', () => {
    it('text frames, including non-ASCII', () => {
        for (const s of ['', 'plain', 'Zürich — 東京 🚀', '"quoted" \\ back', 'x'.repeat(70_000)]) {
            expect(unframeText(jsFrameText(s))).toBe(s);
        }
        expect(fromUtf8(new TextEncoder().encode('ß€'))).toBe('ß€');
    });
    it('ids keep their order as keys', () => {
        const a = idKey.toBytes(255n);
        const b = idKey.toBytes(256n);
        expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(-1);
        expect(idKey.fromBytes(idKey.toBytes(123456789012n))).toBe(123456789012n);
    });
    it('records survive encode/decode unchanged', async () => {
        const h = harness({ feeBps: 100 });
        h.provider();
        const c = await h.provisioned(48);
        h.advance(3_600_000_000_000n);
        unwrap(await h.market.cancelContract(T, c.id, 'zu teuer — günstiger woanders'));
        const k = h.store.contracts.get(c.id)!;
        expect(contractCodec.fromBytes(contractCodec.toBytes(k))).toEqual(k);
        // Version 1 layouts write plain JSON, as before versions existed: stored records need no rewrite.
        expect(unframeText(contractCodec.toBytes(k))).toMatch(/^\[/);
        const o = h.store.offerings.get(c.offeringId)!;
        expect(offeringCodec.fromBytes(offeringCodec.toBytes(o))).toEqual(o);
        const p = h.store.providers.get(c.provider)!;
        expect(providerCodec.fromBytes(providerCodec.toBytes({ ...p, payout: { owner: p.id, subaccount: new Uint8Array(32).fill(7) } }))).toEqual({ ...p, payout: { owner: p.id, subaccount: new Uint8Array(32).fill(7) } });
        const cfg = h.market.config();
        expect(configCodec.fromBytes(configCodec.toBytes(cfg))).toEqual(cfg);
        for (const e of h.store.journal.values()) expect(journalCodec.fromBytes(journalCodec.toBytes(e))).toEqual(e);
        const t = newTransfer({ id: 9n, kind: 'Refund', account: T, token: 'ICP', amount: 5n, ledgerFee: 1n, to: { owner: T, subaccount: null }, contractId: 3n, now: 77n });
        expect(transferCodec.fromBytes(transferCodec.toBytes(t))).toEqual(t);
    });
});
