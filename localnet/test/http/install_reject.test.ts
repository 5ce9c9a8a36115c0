// A module that does not link is rejected at once over the HTTP interface (IC0505 with the
// reason), on the synchronous (v3) and the polling (v2) paths; nothing stays "received".
// Found by agent-js's end-to-end suite: a Rust asset canister importing `ic0.stable_size` left
// install_code unanswered until the agent's 5-minute timeout.
import { Actor, type HttpAgent } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import binaryen from 'binaryen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalIcImpl } from '../../src/ic/local_ic.js';
import { managementIdlFactory } from '../../src/management_client_idl.js';
import { startLocalnetServer, type LocalnetServer } from '../../src/server/server.js';
import { LocalCertifier } from '../../src/crypto/certificate.js';
import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { agentFor, caught } from './helpers.js';

function wat(text: string): Uint8Array {
    const m = binaryen.parseText(text);
    const bytes = new Uint8Array(m.emitBinary());
    m.dispose();
    return bytes;
}

const UNKNOWN_IMPORT = wat(`(module (import "ic0" "not_a_system_call" (func)) (memory (export "memory") 1))`);
const GOOD = wat(`(module (import "ic0" "stable_size" (func (result i32))) (memory (export "memory") 1))`);

interface Mgmt {
    provisional_create_canister_with_cycles(a: unknown): Promise<{ canister_id: Principal }>;
    install_code(a: unknown): Promise<void>;
}

describe.each([
    ['v3 (synchronous call)', false],
    ['v2 (call + read_state polling)', true]
])('install_code of a module that does not link, %s', (_name, disableV3) => {
    let server: LocalnetServer;
    let ic: LocalIcImpl;
    let agent: HttpAgent;

    beforeAll(async () => {
        const keys = deriveDevKeys();
        ic = new LocalIcImpl({ clock: 'wall', certifier: new LocalCertifier(keys) });
        server = await startLocalnetServer({ ic, keys, port: 0, disableV3, identityProvider: false });
        agent = await agentFor(server.url);
    });
    afterAll(async () => {
        await server.close();
    });

    const mgmt = (effective: Principal): Mgmt =>
        Actor.createActor(managementIdlFactory, { agent, canisterId: Principal.managementCanister(), effectiveCanisterId: effective }) as unknown as Mgmt;

    async function create(): Promise<Principal> {
        const any = Principal.fromText('lxzze-o7777-77777-aaaaa-cai');
        const { canister_id } = await mgmt(any).provisional_create_canister_with_cycles({ settings: [], specified_id: [], amount: [], sender_canister_version: [] });
        return canister_id;
    }

    const install = (id: Principal, wasm: Uint8Array): Promise<void> =>
        mgmt(id).install_code({ arg: new Uint8Array(0), wasm_module: wasm, mode: { install: null }, canister_id: id, sender_canister_version: [] });

    it('is rejected within a second with IC0505 and the reason; the canister stays empty', async () => {
        const id = await create();
        const started = Date.now();
        const e = await caught(install(id, UNKNOWN_IMPORT));
        expect(Date.now() - started).toBeLessThan(1000);
        expect(String(e)).toContain('IC0505');
        expect(String(e)).toContain("Module imports function 'not_a_system_call' from 'ic0' that is not exported by the runtime");
        expect(ic.canisterInfo(id)?.moduleHash).toBeNull();
        expect(ic.pendingIngress).toBe(0);
    });

    it('a module importing the deprecated 32-bit stable memory calls installs', async () => {
        const id = await create();
        await install(id, GOOD);
        expect(ic.canisterInfo(id)?.moduleHash).not.toBeNull();
    });
});
