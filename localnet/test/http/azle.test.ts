// The HTTP interface over the real executor (LocalIcImpl) and a compiled Azle canister, deployed
// through the management canister with the unmodified agent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanisterStatus, Certificate, LookupPathStatus } from '@dfinity/agent';
import { DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { LocalIcImpl } from '../../src/ic/local_ic.js';
import { LocalCertifier } from '../../src/crypto/certificate.js';
import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { startLocalnetServer, type LocalnetServer } from '../../src/server/server.js';
import { agentFor, caught, rejectCodeOf } from './helpers.js';
import { deployProbe, installProbe, probeActor } from './probe.js';
import { buildProbe } from './build_probe.js';

const keys = deriveDevKeys();
const owner = Ed25519KeyIdentity.generate();
let ic: LocalIcImpl;
let server: LocalnetServer;
let canisterId: Principal;

beforeAll(async () => {
    ic = new LocalIcImpl({ certifier: new LocalCertifier(keys) });
    server = await startLocalnetServer({ ic, keys, port: 0, tickIntervalMs: 50 });
    canisterId = await deployProbe(await agentFor(server.url, owner));
});
afterAll(async () => server?.close());

describe('Azle canister over HTTP', () => {
    it('updates, queries and callers (anonymous, Ed25519, delegation)', async () => {
        const anon = probeActor(await agentFor(server.url), canisterId);
        expect(await anon.greet('azle')).toBe('Hello, azle!');
        expect((await anon.whoami()).toText()).toBe('2vxsx-fae');
        const a = probeActor(await agentFor(server.url, owner), canisterId);
        expect((await a.whoami()).toText()).toBe(owner.getPrincipal().toText());
        expect((await a.whoamiQuery()).toText()).toBe(owner.getPrincipal().toText());
        const session = Ed25519KeyIdentity.generate();
        const chain = await DelegationChain.create(owner, session.getPublicKey(), new Date(Date.now() + 600_000), { targets: [canisterId] });
        const d = probeActor(await agentFor(server.url, DelegationIdentity.fromDelegation(session, chain)), canisterId);
        expect((await d.whoami()).toText()).toBe(owner.getPrincipal().toText());
    });

    it('a trap rejects with code 5 and rolls back', async () => {
        const a = probeActor(await agentFor(server.url), canisterId);
        const n = await a.inc();
        const e = await caught(a.trap());
        expect(rejectCodeOf(e)).toBe(5);
        expect(String(e)).toMatch(/boom/);
        expect(await a.counter()).toBe(n);
    });

    it('the v2 path with read_state polling', async () => {
        const v2 = await startLocalnetServer({ ic, keys, port: 0, disableV3: true, tickIntervalMs: 0 });
        try {
            const a = probeActor(await agentFor(v2.url), canisterId);
            const n = await a.counter();
            expect(await a.inc()).toBe(n + 1n);
        } finally {
            await v2.close();
        }
    });

    it('queries get a data certificate that verifies (Certifier)', async () => {
        const a = probeActor(await agentFor(server.url), canisterId);
        const n = await a.inc();
        const [cert] = await a.certificate();
        expect(cert).toBeDefined();
        const c = await Certificate.create({ certificate: cert as Uint8Array, rootKey: keys.rootKeyDer, canisterId });
        const data = c.lookup_path(['canister', canisterId.toUint8Array(), 'certified_data']);
        expect(data.status).toBe(LookupPathStatus.Found);
        const expected = new Uint8Array(8);
        new DataView(expected.buffer).setBigUint64(0, n);
        expect(Buffer.from((data as { value: Uint8Array }).value)).toEqual(Buffer.from(expected));
    });

    it('timers fire after /_/time/advance', async () => {
        const a = probeActor(await agentFor(server.url), canisterId);
        const before = await a.timerFired();
        await a.armTimer(300);
        await new Promise(r => setTimeout(r, 100));
        expect(await a.timerFired()).toBe(before);
        const r = await fetch(`${server.url}/_/time/advance`, { method: 'POST', body: JSON.stringify({ ms: 301_000 }) });
        expect(r.status).toBe(200);
        expect(await a.timerFired()).toBe(before + 1n);
        // The agent keeps working: certificate time stays on the wall clock.
        expect(await a.inc()).toBeGreaterThan(0n);
    });

    it('read_state: module hash, controllers, and the candid metadata of the module', async () => {
        const status = await CanisterStatus.request({ canisterId, agent: await agentFor(server.url), paths: ['module_hash', 'controllers', 'candid'] });
        expect(String(status.get('module_hash'))).toMatch(/^[0-9a-f]{64}$/);
        expect((status.get('controllers') as Principal[]).map(p => p.toText())).toEqual([owner.getPrincipal().toText()]);
        const candid = status.get('candid');
        if (candid !== null && candid !== undefined) expect(String(candid)).toContain('whoami');
    });

    it('management calls: a non-controller cannot upgrade; the controller can, and stable state survives', async () => {
        const stranger = Ed25519KeyIdentity.generate();
        const e = await caught(installProbe(await agentFor(server.url, stranger), canisterId, { upgrade: [] }));
        expect(rejectCodeOf(e)).toBe(5);
        expect(String(e)).toMatch(/controllers/);
        const a = probeActor(await agentFor(server.url), canisterId);
        const n = await a.counter();
        await installProbe(await agentFor(server.url, owner), canisterId, { upgrade: [] });
        expect(await a.counter()).toBe(n);
    });

    it('development deploy endpoints install a module over 2 MiB without chunking', async () => {
        const created = await fetch(`${server.url}/_/canisters/create`, { method: 'POST', body: JSON.stringify({ controllers: [owner.getPrincipal().toText()] }) });
        expect(created.status).toBe(200);
        const { canisterId: id } = (await created.json()) as { canisterId: string };
        const { wasm } = buildProbe();
        expect(wasm.length).toBeGreaterThan(2 * 1024 * 1024);
        const installed = await fetch(`${server.url}/_/canisters/${id}/install?mode=install`, { method: 'POST', body: Buffer.from(wasm) });
        expect(installed.status).toBe(200);
        const a = probeActor(await agentFor(server.url), Principal.fromText(id));
        expect(await a.greet('deployed')).toBe('Hello, deployed!');
        const again = await fetch(`${server.url}/_/canisters/${id}/install?mode=install`, { method: 'POST', body: Buffer.from(wasm) });
        expect(again.status).toBe(409);
        expect(((await again.json()) as { rejectMessage: string }).rejectMessage).toBeTruthy();
        const upgraded = await fetch(`${server.url}/_/canisters/${id}/install?mode=upgrade`, { method: 'POST', body: Buffer.from(wasm) });
        expect(upgraded.status).toBe(200);
    });
});
