// The newer agent (@icp-sdk/core, which ICPay's SDK bundles) uses `/api/v4/.../call`,
// `/api/v3/.../query` and `/api/v3/.../read_state`; localnet must answer all three.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor, CanisterStatus, HttpAgent, type ActorSubclass } from '@icp-sdk/core/agent';
import { IDL } from '@icp-sdk/core/candid';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';
import { startLocalnetServer, type LocalnetServer } from '../../src/server/server.js';
import { FakeIc, FAKE_CANISTER as FAKE_CANISTER_V3 } from './fake_ic.js';
import { post } from './helpers.js';

const idl: IDL.InterfaceFactory = ({ IDL: I }) =>
    I.Service({
        whoami: I.Func([], [I.Principal], []),
        whoamiQuery: I.Func([], [I.Principal], ['query']),
        inc: I.Func([], [I.Nat], []),
        counter: I.Func([], [I.Nat], ['query'])
    });
type Fake = ActorSubclass<{ whoami(): Promise<Principal>; whoamiQuery(): Promise<Principal>; inc(): Promise<bigint>; counter(): Promise<bigint> }>;

// The same canister id as a principal of the newer library.
const FAKE_CANISTER = Principal.fromText(FAKE_CANISTER_V3.toText());

let ic: FakeIc;
let server: LocalnetServer;
const paths: string[] = [];

/** An agent whose requests are recorded, so a test can tell which API version answered. */
async function recordingAgent(url: string, identity?: Ed25519KeyIdentity): Promise<HttpAgent> {
    const fetchAndRecord = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
        paths.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
        return fetch(input, init);
    };
    return HttpAgent.create({ host: url, shouldFetchRootKey: true, fetch: fetchAndRecord as typeof fetch, ...(identity ? { identity } : {}) });
}

beforeAll(async () => {
    ic = new FakeIc();
    server = await startLocalnetServer({ ic, port: 0, tickIntervalMs: 20 });
});
afterAll(async () => {
    await server.close();
});

describe('the v4 call and v3 query/read_state endpoints, through @icp-sdk/core', () => {
    it('updates through v4 and queries through v3, with the caller authenticated', async () => {
        const id = Ed25519KeyIdentity.generate();
        paths.length = 0;
        const actor = Actor.createActor(idl, { agent: await recordingAgent(server.url, id), canisterId: FAKE_CANISTER }) as Fake;
        const before = await actor.counter();
        expect(await actor.inc()).toBe(before + 1n);
        expect(await actor.counter()).toBe(before + 1n);
        expect((await actor.whoami()).toText()).toBe(id.getPrincipal().toText());
        expect((await actor.whoamiQuery()).toText()).toBe(id.getPrincipal().toText());
        const canister = FAKE_CANISTER.toText();
        expect(paths).toContain(`/api/v4/canister/${canister}/call`);
        expect(paths).toContain(`/api/v3/canister/${canister}/query`);
        expect(paths.filter((p) => p.includes('/api/v2/canister/'))).toEqual([]);
    });

    it('reads certified state through v3 read_state', async () => {
        paths.length = 0;
        const agent = await recordingAgent(server.url);
        const status = await CanisterStatus.request({ canisterId: FAKE_CANISTER, agent, paths: ['time'] });
        const time = status.get('time') as Date;
        expect(time.getTime()).toBeGreaterThan(Date.UTC(2020, 0, 1));
        expect(paths).toContain(`/api/v3/canister/${FAKE_CANISTER.toText()}/read_state`);
    });

    it('offers no v4 query or read_state, and no v3/v4 at all when disabled', async () => {
        const canister = FAKE_CANISTER.toText();
        for (const e of ['query', 'read_state']) {
            const r = await post(`${server.url}/api/v4/canister/${canister}/${e}`, new Uint8Array([0xa0]));
            expect([r.status, r.text]).toEqual([404, `No such endpoint: /api/v4/canister/${canister}/${e}`]);
        }
        const old = await startLocalnetServer({ ic, port: 0, disableV3: true, tickIntervalMs: 20 });
        try {
            for (const path of [`/api/v4/canister/${canister}/call`, `/api/v3/canister/${canister}/query`, `/api/v3/canister/${canister}/read_state`]) {
                expect((await post(`${old.url}${path}`, new Uint8Array([0xa0]))).status).toBe(404);
            }
        } finally {
            await old.close();
        }
    });
});
