// candid:service metadata: the build embeds the named Candid as public metadata (ic-wasm), it
// reads back from the Wasm, and localnet serves it through read_state
// (canister/<id>/metadata/candid:service) as the IC does. dfx.json keeps the named .did: Azle's
// build reads it instead of writing its own when `candid_gen` is "custom".
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { CanisterStatus, HttpAgent } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { LocalCertifier, LocalIcImpl, buildAzleCanisterCached, deriveDevKeys, startLocalnetServer } from '@trustcloud/localnet';
import { afterAll, describe, expect, it } from 'vitest';

import { IC_WASM, embedCandidService, readCandidService } from '../../scripts/candid-metadata';

const root = resolve(new URL('../..', import.meta.url).pathname);
const dfx = JSON.parse(readFileSync(join(root, 'dfx.json'), 'utf8')) as { canisters: Record<string, { type: string; candid?: string; custom?: { candid_gen?: string } }> };
const azle = Object.entries(dfx.canisters).filter(([, c]) => c.type === 'azle');
const work = mkdtempSync(join(tmpdir(), 'candid-meta-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('dfx keeps the named .did', () => {
    it('every Azle canister says candid_gen "custom", which makes Azle read the .did instead of writing it', () => {
        for (const [, c] of azle) expect(c.custom?.candid_gen).toBe('custom');
        const azleSource = readFileSync(join(root, 'node_modules/azle/src/stable/build/commands/build/candid_and_method_meta/index.ts'), 'utf8');
        expect(azleSource).toMatch(/candidGen === 'custom'\s*\?\s*\(await readFile\(candidPath\)\)/);
    });
});

describe.skipIf(!existsSync(IC_WASM))('candid:service metadata', () => {
    it('npm run build embeds each canister\'s named .did (test builds share .azle/, so the step is checked, not the output)', () => {
        const build = readFileSync(join(root, 'scripts/build-canisters.ts'), 'utf8');
        expect(build).toMatch(/embedCandidService\(wasm, join\(root, dfxCandid\(name\)!\)\)/);
    });

    it('embeds, reads back, and localnet serves it through read_state; a re-embed replaces it', async () => {
        const { wasm } = buildAzleCanisterCached(join(root, 'localnet/test/canister'), 'probe');
        const target = join(work, 'probe.wasm');
        copyFileSync(wasm, target);
        const did = join(root, 'localnet/test/canister/probe.did');
        embedCandidService(target, did);
        embedCandidService(target, did);
        const candid = readFileSync(did, 'utf8');
        expect(readCandidService(target).trimEnd()).toBe(candid.trimEnd());

        const keys = deriveDevKeys();
        const ic = new LocalIcImpl({ certifier: new LocalCertifier(keys) });
        const server = await startLocalnetServer({ ic, keys, port: 0, tickIntervalMs: 20 });
        try {
            // localnet's development deploy endpoints: create, then install the module as its body.
            const created = await fetch(`${server.url}/_/canisters/create`, { method: 'POST', body: '{}' });
            const { canisterId } = (await created.json()) as { canisterId: string };
            const installed = await fetch(`${server.url}/_/canisters/${canisterId}/install?mode=install`, { method: 'POST', body: readFileSync(target) });
            expect(installed.status).toBe(200);
            const canister_id = Principal.fromText(canisterId);
            const agent = await HttpAgent.create({ host: server.url, shouldFetchRootKey: true });
            const status = await CanisterStatus.request({ canisterId: canister_id, agent, paths: ['candid'] });
            expect(status.get('candid')).toBe(candid);
        } finally {
            await server.close();
        }
    }, 300_000);
});
