// The identity canister is part of the persisted IC state: after a restart, users keep their
// principals, earlier delegations still verify, and the canister is neither duplicated nor
// replaced.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Delegation, DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { LocalIcImpl, loadState, saveState } from '../../src/index.js';
import { LocalCertifier } from '../../src/crypto/certificate.js';
import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { startLocalnetServer } from '../../src/server/server.js';
import { IDENTITY_CANISTER_ID } from '../../src/identity_provider/identity_canister.js';
import type { DelegationResponse } from '../../src/identity_provider/provider.js';
import { agentFor } from './helpers.js';
import { installWhoami, whoamiActor } from './whoami_canister.js';

const keys = deriveDevKeys();
const unhex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

async function signIn(url: string, session: Ed25519KeyIdentity): Promise<DelegationIdentity> {
    const res = await fetch(`${url}/identity/api/delegation`, { method: 'POST', body: JSON.stringify({ user: 'alice', origin: 'http://localhost:5173', sessionPublicKey: Buffer.from(session.getPublicKey().toDer()).toString('hex') }) });
    const d = (await res.json()) as DelegationResponse;
    const chain = DelegationChain.fromDelegations(
        d.delegations.map(x => ({ delegation: new Delegation(unhex(x.delegation.pubkey), BigInt(x.delegation.expiration)), signature: unhex(x.signature) as never })),
        unhex(d.userPublicKey) as never
    );
    return DelegationIdentity.fromDelegation(session, chain);
}

describe('identity canister across a restart', () => {
    it('keeps principals and earlier delegations valid, without a second canister', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'localnet-identity-'));
        const first = new LocalIcImpl({ certifier: new LocalCertifier(keys) });
        const whoami = installWhoami(first, Ed25519KeyIdentity.generate().getPrincipal());
        const s1 = await startLocalnetServer({ ic: first, keys, port: 0, tickIntervalMs: 0 });
        const before = await signIn(s1.url, Ed25519KeyIdentity.generate());
        await s1.close();
        const moduleHash = first.canisterInfo(IDENTITY_CANISTER_ID)?.moduleHash;
        saveState(first, dir);

        const second = loadState(dir, { certifier: new LocalCertifier(keys) });
        const s2 = await startLocalnetServer({ ic: second, keys, port: 0, tickIntervalMs: 0 });
        try {
            const count = second.canisterIds().length;
            const after = await signIn(s2.url, Ed25519KeyIdentity.generate());
            expect(after.getPrincipal().toText()).toBe(before.getPrincipal().toText());
            expect(second.canisterIds()).toHaveLength(count);
            expect(second.canisterInfo(IDENTITY_CANISTER_ID)?.moduleHash).toEqual(moduleHash);
            for (const id of [before, after]) {
                expect((await whoamiActor(await agentFor(s2.url, id), whoami).whoami()).toText()).toBe(before.getPrincipal().toText());
            }
        } finally {
            await s2.close();
        }
    });
});
