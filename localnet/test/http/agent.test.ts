// The real @dfinity/agent against the HTTP interface over a fake LocalIc.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnonymousIdentity, CanisterStatus, Cbor, Expiry, HttpAgent, requestIdOf, SubmitRequestType } from '@dfinity/agent';
import { DelegationChain, DelegationIdentity, ECDSAKeyIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { IDL } from '@dfinity/candid';
import { startLocalnetServer, type LocalnetServer } from '../../src/server/server.js';
import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { FakeIc, FAKE_CANISTER } from './fake_ic.js';
import { agentFor, caught, decodeCbor, fakeActor, post, rejectCodeOf } from './helpers.js';

let ic: FakeIc;
let server: LocalnetServer;

beforeAll(async () => {
    ic = new FakeIc();
    server = await startLocalnetServer({ ic, port: 0, tickIntervalMs: 20 });
});
afterAll(async () => {
    await server.close();
});

describe('status and root key', () => {
    it('serves a fixed BLS root key derived from the dev seed', async () => {
        const agent = await agentFor(server.url);
        expect(Buffer.from(agent.rootKey as Uint8Array).toString('hex')).toBe(Buffer.from(deriveDevKeys().rootKeyDer).toString('hex'));
        expect(agent.rootKey?.length).toBe(133);
    });
});

describe('updates and queries through an Actor', () => {
    it('anonymous update (v3 sync) and query with query signature verification', async () => {
        const actor = fakeActor(await agentFor(server.url));
        expect((await actor.whoami()).toText()).toBe('2vxsx-fae');
        const before = await actor.counter();
        expect(await actor.inc()).toBe(before + 1n);
        expect(await actor.counter()).toBe(before + 1n);
        expect(await actor.greet('world')).toBe('Hello, world!');
        expect((await actor.whoamiQuery()).toText()).toBe('2vxsx-fae');
    });

    it('Ed25519 identity: the caller is its self-authenticating principal', async () => {
        const id = Ed25519KeyIdentity.generate();
        const actor = fakeActor(await agentFor(server.url, id));
        expect((await actor.whoami()).toText()).toBe(id.getPrincipal().toText());
        expect((await actor.whoamiQuery()).toText()).toBe(id.getPrincipal().toText());
    });

    it('ECDSA P-256 identity', async () => {
        const id = await ECDSAKeyIdentity.generate();
        const actor = fakeActor(await agentFor(server.url, id));
        expect((await actor.whoami()).toText()).toBe(id.getPrincipal().toText());
        expect((await actor.whoamiQuery()).toText()).toBe(id.getPrincipal().toText());
    });

    it('a trap rejects with code 5 for updates and queries', async () => {
        const actor = fakeActor(await agentFor(server.url));
        const e = await caught(actor.trap());
        expect(rejectCodeOf(e)).toBe(5);
        expect(String(e)).toContain('IC0503');
        const q = await caught(actor.trapQuery());
        expect(rejectCodeOf(q)).toBe(5);
    });

    it('an unknown canister rejects with code 3 (status 200), for updates and queries', async () => {
        const actor = fakeActor(await agentFor(server.url), Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai'));
        expect(rejectCodeOf(await caught(actor.inc()))).toBe(3);
        expect(rejectCodeOf(await caught(actor.greet('x')))).toBe(3);
    });

    it('the v2 call path with read_state polling (v3 answers 404)', async () => {
        const v2 = await startLocalnetServer({ ic, port: 0, disableV3: true, tickIntervalMs: 20 });
        try {
            const id = Ed25519KeyIdentity.generate();
            const actor = fakeActor(await agentFor(v2.url, id));
            const before = ic.counter;
            expect(await actor.inc()).toBe(before + 1n);
            expect((await actor.whoami()).toText()).toBe(id.getPrincipal().toText());
            expect(rejectCodeOf(await caught(actor.trap()))).toBe(5);
        } finally {
            await v2.close();
        }
    });

    it('an explicit callSync:false call is answered 202 and polled', async () => {
        const agent = await agentFor(server.url);
        const { requestId, response } = await agent.call(FAKE_CANISTER, {
            methodName: 'greet',
            arg: new Uint8Array(IDL.encode([IDL.Text], ['v2'])),
            callSync: false
        });
        expect(response.status).toBe(202);
        const { pollForResponse } = await import('@dfinity/agent');
        const { reply } = await pollForResponse(agent, FAKE_CANISTER, requestId);
        expect(IDL.decode([IDL.Text], reply)[0]).toBe('Hello, v2!');
    });
});

describe('delegations', () => {
    const session = Ed25519KeyIdentity.generate();
    const root = Ed25519KeyIdentity.generate();

    it('a valid delegation chain (two links, with targets) authenticates as the root key', async () => {
        const middle = Ed25519KeyIdentity.generate();
        const c1 = await DelegationChain.create(root, middle.getPublicKey(), new Date(Date.now() + 3600_000));
        const c2 = await DelegationChain.create(middle, session.getPublicKey(), new Date(Date.now() + 3600_000), {
            previous: c1,
            targets: [FAKE_CANISTER]
        });
        const id = DelegationIdentity.fromDelegation(session, c2);
        const actor = fakeActor(await agentFor(server.url, id));
        expect((await actor.whoami()).toText()).toBe(root.getPrincipal().toText());
        expect((await actor.whoamiQuery()).toText()).toBe(root.getPrincipal().toText());
    });

    it('an expired delegation is refused (400) and the server keeps serving', async () => {
        const chain = await DelegationChain.create(root, session.getPublicKey(), new Date(Date.now() - 1000));
        const actor = fakeActor(await agentFor(server.url, DelegationIdentity.fromDelegation(session, chain), { retryTimes: 0 }));
        const e = await caught(actor.inc());
        expect(String(e)).toMatch(/expired/);
        expect(String(await caught(actor.greet('x')))).toMatch(/expired/);
        expect(await fakeActor(await agentFor(server.url)).greet('still')).toBe('Hello, still!');
    });

    it('a delegation whose targets exclude the canister is refused', async () => {
        const chain = await DelegationChain.create(root, session.getPublicKey(), new Date(Date.now() + 60_000), {
            targets: [Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai')]
        });
        const actor = fakeActor(await agentFor(server.url, DelegationIdentity.fromDelegation(session, chain), { retryTimes: 0 }));
        expect(String(await caught(actor.inc()))).toMatch(/not one of the targets/);
    });

    it('a delegation signed by another key is refused', async () => {
        const chain = await DelegationChain.create(root, session.getPublicKey(), new Date(Date.now() + 60_000));
        const forged = DelegationChain.fromDelegations(chain.delegations, Ed25519KeyIdentity.generate().getPublicKey().toDer());
        const actor = fakeActor(await agentFor(server.url, DelegationIdentity.fromDelegation(session, forged), { retryTimes: 0 }));
        expect(String(await caught(actor.inc()))).toMatch(/does not verify/);
    });
});

describe('malformed and hostile requests', () => {
    const callUrl = (): string => `${server.url}/api/v3/canister/${FAKE_CANISTER.toText()}/call`;

    async function signedCall(id: Ed25519KeyIdentity, tamper?: (body: Record<string, unknown>) => void): Promise<Uint8Array> {
        const content = {
            request_type: SubmitRequestType.Call,
            canister_id: FAKE_CANISTER,
            method_name: 'inc',
            arg: new Uint8Array(IDL.encode([], [])),
            sender: id.getPrincipal(),
            ingress_expiry: Expiry.fromDeltaInMilliseconds(60_000)
        };
        const req = (await id.transformRequest({ request: {}, endpoint: 'call', body: content } as never)) as { body: Record<string, unknown> };
        tamper?.(req.body);
        return Cbor.encode(req.body);
    }

    it('malformed CBOR and wrong shapes get 400 with a reason', async () => {
        const r1 = await post(callUrl(), new Uint8Array([0xff, 0x00, 0x13]));
        expect(r1.status).toBe(400);
        expect(r1.text).toMatch(/parse/i);
        const r2 = await post(callUrl(), Cbor.encode({ content: { request_type: 'call' } }));
        expect(r2.status).toBe(400);
        const r3 = await post(callUrl(), 'not cbor at all');
        expect(r3.status).toBe(400);
    });

    it('a bad signature, a wrong sender and an expired ingress_expiry get 400', async () => {
        const id = Ed25519KeyIdentity.generate();
        const bad = await post(callUrl(), await signedCall(id, b => {
            const sig = b.sender_sig as Uint8Array;
            sig[0] = (sig[0] as number) ^ 1;
        }));
        expect(bad.status).toBe(400);
        expect(bad.text).toMatch(/Invalid signature/);
        const other = Ed25519KeyIdentity.generate();
        const wrongSender = await post(callUrl(), await signedCall(id, b => (b.sender_pubkey = other.getPublicKey().toDer())));
        expect(wrongSender.status).toBe(400);
        expect(wrongSender.text).toMatch(/Invalid sender/);
        const ok = await post(callUrl(), await signedCall(id));
        expect(ok.status).toBe(200);
        const body = decodeCbor<{ status: string; certificate: Uint8Array }>(ok.bytes);
        expect(body.status).toBe('replied');
        const anonymousClaim = await post(
            callUrl(),
            Cbor.encode({ content: { request_type: 'call', canister_id: FAKE_CANISTER, method_name: 'inc', arg: new Uint8Array(), sender: id.getPrincipal(), ingress_expiry: Expiry.fromDeltaInMilliseconds(60_000) } })
        );
        expect(anonymousClaim.status).toBe(400);
        const expired = await post(
            callUrl(),
            Cbor.encode({ content: { request_type: 'call', canister_id: FAKE_CANISTER, method_name: 'inc', arg: new Uint8Array(), sender: new AnonymousIdentity().getPrincipal(), ingress_expiry: BigInt(Date.now() - 600_000) * 1_000_000n } })
        );
        expect(expired.status).toBe(400);
        expect(expired.text).toMatch(/^Invalid request expiry/);
    });

    it('a body over 2 MiB gets 413 and the server keeps serving', async () => {
        const big = new Uint8Array(2 * 1024 * 1024 + 100 * 1024);
        const r = await post(callUrl(), big);
        expect(r.status).toBe(413);
        const actor = fakeActor(await agentFor(server.url, undefined, { retryTimes: 0 }));
        expect(rejectCodeOf(await caught(actor.echo(big)))).toBeUndefined();
        expect(await actor.echo(new Uint8Array(1024 * 1024))).toBe(1048576n);
        expect(await actor.greet('after')).toBe('Hello, after!');
    });

    it('a call whose URL names another effective canister gets 400', async () => {
        const r = await post(`${server.url}/api/v3/canister/ryjl3-tyaaa-aaaaa-aaaba-cai/call`, await signedCall(Ed25519KeyIdentity.generate()));
        expect(r.status).toBe(400);
        expect(r.text).toMatch(/does not match effective canister id/);
    });

    it('unknown endpoints get 404, bad effective ids 400, and CORS preflights 204', async () => {
        expect((await fetch(`${server.url}/api/v2/nothing`)).status).toBe(404);
        expect((await post(`${server.url}/api/v2/canister/not-a-principal!/call`, new Uint8Array())).status).toBe(400);
        const pre = await fetch(callUrl(), {
            method: 'OPTIONS',
            headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' }
        });
        expect(pre.status).toBe(204);
        expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
        expect(pre.headers.get('access-control-allow-headers')).toBe('content-type');
        const status = await fetch(`${server.url}/api/v2/status`, { headers: { Origin: 'http://localhost:5173' } });
        expect(status.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    });

    it('a duplicate submission does not execute twice', async () => {
        const id = Ed25519KeyIdentity.generate();
        const body = await signedCall(id);
        const before = ic.counter;
        await post(callUrl(), body);
        await post(callUrl(), body);
        expect(ic.counter).toBe(before + 1n);
        const req = decodeCbor<{ content: Record<string, unknown> }>(body);
        expect(requestIdOf(req.content).length).toBe(32);
    });
});

describe('read_state', () => {
    it('canister module_hash, controllers and public metadata; subnet node keys; time for unknown canisters', async () => {
        const agent = await agentFor(server.url);
        const status = await CanisterStatus.request({
            canisterId: FAKE_CANISTER,
            agent,
            paths: ['module_hash', 'controllers', 'candid', 'time', 'subnet']
        });
        expect(status.get('module_hash')).toBe('07'.repeat(32));
        expect((status.get('controllers') as Principal[]).map(p => p.toText())).toEqual(['2vxsx-fae']);
        expect(status.get('candid')).toBe('service : {}');
        expect(Math.abs((status.get('time') as Date).getTime() - Date.now())).toBeLessThan(5000);
        const subnet = status.get('subnet') as { subnetId: string; nodeKeys: Map<string, Uint8Array> };
        expect(subnet.subnetId).toBe(deriveDevKeys().subnetId.toText());
        expect(subnet.nodeKeys.size).toBe(1);
        const ledger = await CanisterStatus.request({ canisterId: Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai'), agent, paths: ['time'] });
        expect(ledger.get('time')).toBeInstanceOf(Date);
    });

    it('an agent with shouldSyncTime works even when canister time was moved forward', async () => {
        await fetch(`${server.url}/_/time/advance`, { method: 'POST', body: JSON.stringify({ ms: 3_600_000 }) });
        const agent = await HttpAgent.create({ host: server.url, shouldFetchRootKey: true, shouldSyncTime: true });
        expect(Math.abs(agent.getTimeDiffMsecs())).toBeLessThan(5000);
        expect(await fakeActor(agent).greet('synced')).toBe('Hello, synced!');
    });
});

describe('development endpoints', () => {
    it('/_/time/advance moves canister time and runs due timers', async () => {
        const t0 = (await (await fetch(`${server.url}/_/time`)).json()) as { nowNs: string };
        ic.timerDeadline = BigInt(t0.nowNs) + 10n * 60n * 1_000_000_000n;
        const fired = ic.timerFired;
        const r = (await (await fetch(`${server.url}/_/time/advance`, { method: 'POST', body: JSON.stringify({ ms: 11 * 60_000 }) })).json()) as { nowNs: string; messagesRun: number };
        expect(BigInt(r.nowNs) - BigInt(t0.nowNs)).toBeGreaterThanOrEqual(11n * 60n * 1_000_000_000n);
        expect(ic.timerFired).toBe(fired + 1);
        const bad = await fetch(`${server.url}/_/time/advance`, { method: 'POST', body: '{"ms":"x"}' });
        expect(bad.status).toBe(400);
    });

    it('timers fire by themselves on the tick interval', async () => {
        ic.timerDeadline = ic.clock.nowNs() + 50_000_000n; // 50 ms of wall-clock-driven canister time
        const fired = ic.timerFired;
        await new Promise(r => setTimeout(r, 300));
        expect(ic.timerFired).toBe(fired + 1);
    });

    it('/_/canisters lists canisters', async () => {
        const list = (await (await fetch(`${server.url}/_/canisters`)).json()) as { canisterId: string }[];
        expect(list.map(c => c.canisterId)).toEqual([FAKE_CANISTER.toText()]);
    });
});
