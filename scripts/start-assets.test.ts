import { describe, expect, it } from 'vitest';
import { localCsp } from './start-assets';

describe('the local CSP', () => {
    it('adds the stand-ins to the production policy and drops only upgrade-insecure-requests', () => {
        const prod = "default-src 'none'; script-src 'self' https://app.chatwoot.com; style-src 'self'; connect-src 'self' https://icp0.io; frame-src https://app.chatwoot.com; upgrade-insecure-requests";
        expect(localCsp(prod, { connect: ['http://127.0.0.1:1'], script: ['http://127.0.0.1:2'], styleHashes: ["'sha256-abc='"] })).toBe(
            "default-src 'none'; script-src 'self' https://app.chatwoot.com http://127.0.0.1:2; style-src 'self' 'sha256-abc='; connect-src 'self' https://icp0.io http://127.0.0.1:1; frame-src https://app.chatwoot.com http://127.0.0.1:2"
        );
    });
});
