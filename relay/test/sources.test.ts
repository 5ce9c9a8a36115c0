// One spelling of the monitor sources from the relay to the score: the registry in the trust domain
// is what Candid (the built .did and the generated declarations) and the relay use.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_NAMES } from '../../canisters/marketplace/src/trust/domain/uptime/sources.js';
import { uptimeOut } from '../src/gateway/convert.js';
import { isOneSample, MONITOR_SOURCES, type RelaySource } from '../src/prober/sources.js';

const root = join(import.meta.dirname, '../..');

describe('monitor sources: one registry', () => {
    it('the built Candid and the generated declarations name exactly the registry\'s sources', () => {
        const did = readFileSync(join(root, 'canisters/marketplace/marketplace.did'), 'utf8');
        const variant = /source\s*:\s*opt variant \{([^}]*)\}/.exec(did)?.[1] ?? '';
        expect(variant.split(';').map((s) => s.trim()).filter(Boolean).sort()).toEqual([...SOURCE_NAMES].sort());
        const decl = readFileSync(join(root, 'canisters/marketplace/declarations/marketplace.did.ts'), 'utf8');
        for (const name of SOURCE_NAMES) expect(decl).toContain(`{ '${name}' : null }`);
    });

    it('the relay sends every source but Monitor under its own name; notifiers and push carry one sample a minute', () => {
        const relay = SOURCE_NAMES.filter((s): s is RelaySource => s !== 'Monitor');
        for (const s of relay) expect(uptimeOut({ id: `1:0:${s}`, contractId: '1', minuteStart: 0, up: 1, down: 0, avgLatencyMs: null, source: s }).source).toEqual([{ [s]: null }]);
        expect(relay.filter(isOneSample).sort()).toEqual(['Alertmanager', 'Kuma', 'Push']);
        expect(Object.keys(MONITOR_SOURCES)).toEqual(SOURCE_NAMES);
    });
});
