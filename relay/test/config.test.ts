import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { IdentityFileError, generateIdentityFile, loadIdentity, parseIdentity } from '../src/gateway/identity.js';
import { testEnv } from './support/harness.js';

function problems(env: Record<string, string>): string[] {
    try {
        loadConfig(env);
    } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
    }
    return [];
}

describe('configuration', () => {
    const base = testEnv('/tmp/x', {});

    it('accepts a complete environment and applies defaults', () => {
        const c = loadConfig(base);
        expect(c.RELAY_BATCH_SIZE).toBe(100);
        expect(c.ICPAY_ALLOWED_LEDGERS).toEqual(['ryjl3-tyaaa-aaaaa-aaaba-cai', 'xevnm-gaaaa-aaaar-qafnq-cai']);
        expect(c.fetchRootKey).toBe(true);
        expect(c.TELEGRAM_DAILY_CAP).toBe(50);
        expect(c.SMS_DAILY_CAP).toBe(5);
    });

    it('says exactly which variables are missing or wrong', () => {
        const { RELAY_DB_PATH: _b, ...rest } = base;
        expect(problems({ ...rest, RELAY_PORT: 'eighty', CHATWOOT_URL: 'ftp://x', MARKETPLACE_CANISTER_ID: 'not a principal', CHATWOOT_AGENT_BOT_SECRET: 'short' })).toEqual(
            expect.arrayContaining([
                'RELAY_DB_PATH: is required but not set',
                expect.stringMatching(/^RELAY_PORT: /),
                'CHATWOOT_URL: must be an http(s) URL',
                'MARKETPLACE_CANISTER_ID: must be a principal in text form',
                'CHATWOOT_AGENT_BOT_SECRET: must be at least 16 characters'
            ])
        );
    });

    it('needs at least one Chatwoot signing secret, any of the three', () => {
        const { CHATWOOT_WEBHOOK_SECRET: _a, CHATWOOT_AGENT_BOT_SECRET: _c, ...none } = base;
        expect(problems(none)).toEqual(['CHATWOOT_WEBHOOK_SECRET: set at least one of CHATWOOT_WEBHOOK_SECRET, CHATWOOT_AGENT_BOT_SECRET, CHATWOOT_API_INBOX_SECRET']);
        expect(problems({ ...none, CHATWOOT_API_INBOX_SECRET: 'api-inbox-secret-0123' })).toEqual([]);
    });

    it('takes the ICPay secret key (sk_…) for signatures and refuses a separate webhook secret', () => {
        expect(problems({ ...base, ICPAY_WEBHOOK_SECRET: 'whsec-endpoint-secret-000' })).toEqual([]);
        expect(problems({ ...base, ICPAY_WEBHOOK_SECRET: 'short' })).toEqual(['ICPAY_WEBHOOK_SECRET: at least 16 characters']);
        expect(problems({ ...base, ICPAY_SECRET_KEY: 'pk_live_publishable' })).toEqual(['ICPAY_SECRET_KEY: must be the ICPay account secret key (sk_…)']);
    });

    it('requires the companions of an optional channel', () => {
        expect(problems({ ...base, SMTP_URL: 'smtp://mail:25' })).toEqual(['SMTP_FROM: is required when SMTP_URL is set']);
        expect(problems({ ...base, LLM_URL: 'http://llm/v1' })).toEqual(['LLM_API_KEY: is required when LLM_URL is set']);
        expect(problems({ ...base, BENCHMARK_SOURCES: '[{"kind":"nope"}]' }).length).toBeGreaterThan(0);
        expect(problems({ ...base, BENCHMARK_SOURCES: 'not json' })).toEqual(['BENCHMARK_SOURCES: must be JSON']);
    });
});

describe('identity key file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-key-'));

    it('generates a PEM key (mode 600) and loads it back with the same principal', () => {
        const path = join(dir, 'relay.pem');
        const principal = generateIdentityFile(path);
        const { identity, warnings } = loadIdentity(path);
        expect(identity.getPrincipal().toText()).toBe(principal);
        expect(warnings).toEqual([]);
    });

    it('loads the JSON form and refuses what is not an Ed25519 key', () => {
        const json = JSON.stringify(parseIdentity(generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()).toJSON());
        expect(parseIdentity(json).getPrincipal().isAnonymous()).toBe(false);
        const bad = join(dir, 'bad.pem');
        writeFileSync(bad, 'hello', { mode: 0o600 });
        expect(() => loadIdentity(bad)).toThrow(IdentityFileError);
        expect(() => loadIdentity(join(dir, 'missing.pem'))).toThrow(/cannot read/);
        const open = join(dir, 'open.pem');
        writeFileSync(open, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { mode: 0o644 });
        expect(loadIdentity(open).warnings[0]).toMatch(/chmod 600/);
    });
});

describe('main', () => {
    const run = (env: Record<string, string>) =>
        spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../src/main.ts')], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });

    it('refuses to start on invalid configuration, naming every problem, exit code 2', () => {
        const r = run({ RELAY_PORT: 'x' });
        expect(r.status).toBe(2);
        const line = JSON.parse(r.stderr.trim().split('\n').pop() ?? '{}');
        expect(line).toMatchObject({ level: 'error', msg: 'refusing to start: invalid configuration' });
        expect(line.problems).toEqual(expect.arrayContaining(['RELAY_DB_PATH: is required but not set', 'CHATWOOT_URL: is required but not set', expect.stringMatching(/^RELAY_PORT: /)]));
    });

    it('refuses to start without a readable Ed25519 key file', () => {
        const dir = mkdtempSync(join(tmpdir(), 'relay-main-'));
        const r = run(testEnv(dir, {}));
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('RELAY_IDENTITY_FILE: cannot read');
    });
});
