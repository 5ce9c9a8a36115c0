// Property tests: whatever the body, the API answers (never throws) with a 4xx for garbage.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cbor } from '@dfinity/agent';
import { IcHttpApi } from '../../src/http/routes.js';
import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { FakeIc, FAKE_CANISTER } from './fake_ic.js';

const api = new IcHttpApi({ ic: new FakeIc(), keys: deriveDevKeys() });
const paths = ['call', 'query', 'read_state'].map(e => `/api/v2/canister/${FAKE_CANISTER.toText()}/${e}`).concat(`/api/v3/canister/${FAKE_CANISTER.toText()}/call`);

const cborValue = fc.letrec(tie => ({
    value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.uint8Array({ maxLength: 40 }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('content', 'request_type', 'sender', 'paths', 'arg', 'canister_id', 'method_name', 'ingress_expiry', 'sender_pubkey', 'sender_sig', 'sender_delegation', 'x'), tie('value'), { maxKeys: 6 })
    )
})).value;

describe('robustness', () => {
    it('random bytes get a 4xx answer', () => {
        fc.assert(
            fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...paths), (body, path) => {
                const r = api.handle('POST', path, body);
                expect(r.status).toBeGreaterThanOrEqual(400);
                expect(r.status).toBeLessThan(500);
            }),
            { numRuns: 300 }
        );
    });

    it('random CBOR structures get a 4xx answer (or a reject for well-formed anonymous requests)', () => {
        fc.assert(
            fc.property(cborValue, fc.constantFrom(...paths), (value, path) => {
                let body: Uint8Array;
                try {
                    body = Cbor.encode(value);
                } catch {
                    return;
                }
                const r = api.handle('POST', path, body);
                expect(r.status).not.toBe(500);
            }),
            { numRuns: 500 }
        );
    });

    it('content maps with every field of the wrong type get 400', () => {
        fc.assert(
            fc.property(
                fc.record({ request_type: fc.constantFrom('call', 'query', 'read_state'), sender: cborValue, canister_id: cborValue, method_name: cborValue, arg: cborValue, ingress_expiry: cborValue, paths: cborValue }),
                fc.constantFrom(...paths),
                (content, path) => {
                    const r = api.handle('POST', path, Cbor.encode({ content }));
                    expect(r.status).not.toBe(500);
                }
            ),
            { numRuns: 300 }
        );
    });
});
