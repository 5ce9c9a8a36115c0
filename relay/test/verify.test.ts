import { describe, expect, it } from 'vitest';
import { VerificationError, signChatwoot, signIcpay, signIcpayPlain, verifyChatwoot, verifyIcpay } from '../src/verify/index.js';
import { safeEqualHex } from '../src/verify/hmac.js';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const TS = NOW / 1000;
const body = Buffer.from('{"event":"message_created","id":1}');

function reason(f: () => unknown): string {
    try {
        f();
    } catch (e) {
        if (e instanceof VerificationError) return e.reason;
        throw e;
    }
    return 'accepted';
}

describe('Chatwoot signatures', () => {
    const headers = (sig: string, ts = String(TS), delivery = 'd-1') => ({ 'x-chatwoot-signature': sig, 'x-chatwoot-timestamp': ts, 'x-chatwoot-delivery': delivery });
    // Upstream: Webhook#secret, AgentBot#secret and Channel::Api#secret are three different secrets.
    const SECRETS = [
        { name: 'account webhook', secret: 'account-webhook-secret' },
        { name: 'agent bot', secret: 'agent-bot-secret-xyz' },
        { name: 'API inbox', secret: 'api-inbox-secret-xyz' }
    ];
    const one = (secret: string) => [{ name: 'account webhook', secret }];
    const good = signChatwoot('secret-secret-secret', TS, body.toString());

    it('accepts a valid signature and returns the delivery id', () => {
        expect(verifyChatwoot(headers(good), body, one('secret-secret-secret'), NOW, 300)).toEqual({ deliveryId: 'd-1', timestamp: TS, verifiedBy: 'account webhook' });
    });
    it.each(SECRETS)('accepts a delivery signed with the $name secret and says which one verified it', ({ name, secret }) => {
        expect(verifyChatwoot(headers(signChatwoot(secret, TS, body.toString())), body, SECRETS, NOW, 300).verifiedBy).toBe(name);
    });
    it('refuses an agent-bot delivery when only the account webhook secret is configured', () => {
        expect(reason(() => verifyChatwoot(headers(signChatwoot('agent-bot-secret-xyz', TS, body.toString())), body, SECRETS.slice(0, 1), NOW, 300))).toBe('bad_signature');
    });
    it('refuses an unsigned delivery (Chatwoot before 4.11.2, or no secret on the object) naming the minimum versions', () => {
        let message = '';
        try {
            verifyChatwoot({ 'x-chatwoot-delivery': 'd' }, body, SECRETS, NOW, 300);
        } catch (e) {
            message = (e as Error).message;
            expect((e as VerificationError).reason).toBe('unsigned');
        }
        expect(message).toContain('4.11.2');
        expect(message).toContain('4.13.0');
    });
    it.each([
        ['forged', () => verifyChatwoot(headers(signChatwoot('other-secret', TS, body.toString())), body, one('secret-secret-secret'), NOW, 300), 'bad_signature'],
        ['body changed', () => verifyChatwoot(headers(good), Buffer.from('{"event":"x"}'), one('secret-secret-secret'), NOW, 300), 'bad_signature'],
        ['stale', () => verifyChatwoot(headers(signChatwoot('s', TS - 301, body.toString()), String(TS - 301)), body, one('s'), NOW, 300), 'stale_timestamp'],
        ['future', () => verifyChatwoot(headers(signChatwoot('s', TS + 400, body.toString()), String(TS + 400)), body, one('s'), NOW, 300), 'future_timestamp'],
        ['no signature', () => verifyChatwoot({ 'x-chatwoot-timestamp': String(TS), 'x-chatwoot-delivery': 'd' }, body, one('s'), NOW, 300), 'unsigned'],
        ['no delivery', () => verifyChatwoot({ 'x-chatwoot-signature': good, 'x-chatwoot-timestamp': String(TS) }, body, one('s'), NOW, 300), 'missing_header'],
        ['not sha256=', () => verifyChatwoot(headers('md5=abc'), body, one('s'), NOW, 300), 'malformed_header'],
        ['timestamp not a number', () => verifyChatwoot(headers(good, 'yesterday'), body, one('secret-secret-secret'), NOW, 300), 'bad_signature']
    ])('refuses %s', (_name, f, expected) => {
        expect(reason(f)).toBe(expected);
    });
});

describe('ICPay signatures', () => {
    const secret = 'icpay-secret-icpay';
    it('accepts the timestamped form t=,v1=', () => {
        expect(verifyIcpay({ 'x-icpay-signature': signIcpay(secret, TS, body.toString()) }, body, secret, NOW, 300)).toBe('timestamped');
    });
    it('accepts the plain HMAC form, with or without sha256=', () => {
        const hex = signIcpayPlain(secret, body.toString());
        expect(verifyIcpay({ 'x-icpay-signature': hex }, body, secret, NOW, 300)).toBe('plain');
        expect(verifyIcpay({ 'x-icpay-signature': `sha256=${hex}` }, body, secret, NOW, 300)).toBe('plain');
    });
    it('accepts any of several v1 values (secret rotation)', () => {
        const v1 = signIcpay(secret, TS, body.toString()).split('v1=')[1];
        expect(verifyIcpay({ 'x-icpay-signature': `t=${TS},v1=${'0'.repeat(64)},v1=${v1}` }, body, secret, NOW, 300)).toBe('timestamped');
    });
    it.each([
        ['forged', { 'x-icpay-signature': signIcpay('wrong-secret', TS, body.toString()) }, 'bad_signature'],
        ['stale', { 'x-icpay-signature': signIcpay(secret, TS - 600, body.toString()) }, 'stale_timestamp'],
        ['plain forged', { 'x-icpay-signature': signIcpayPlain('wrong', body.toString()) }, 'bad_signature'],
        ['missing', {}, 'missing_header'],
        ['garbage', { 'x-icpay-signature': 'hello' }, 'malformed_header'],
        ['t without v1', { 'x-icpay-signature': `t=${TS}` }, 'malformed_header']
    ])('refuses %s', (_n, headers, expected) => {
        expect(reason(() => verifyIcpay(headers, body, secret, NOW, 300))).toBe(expected);
    });
});

describe('constant-time compare', () => {
    it('is false on length or format differences, true only on equality', () => {
        expect(safeEqualHex('abcd', 'abcd')).toBe(true);
        expect(safeEqualHex('abcd', 'ABCD')).toBe(true);
        expect(safeEqualHex('abcd', 'abce')).toBe(false);
        expect(safeEqualHex('abcd', 'abcdab')).toBe(false);
        expect(safeEqualHex('abcd', 'zz')).toBe(false);
        expect(safeEqualHex('', '')).toBe(false);
    });
});

