// Attacks on the app as served from the asset canister through an HTTP gateway (issue 20): a node
// between the canister and the gateway rewrites the answer (a script injected into index.html, the
// CSP stripped), and someone without Commit permission replaces the app. Target: never served.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Actor, HttpAgent } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { buildAzleCanisterCached, deriveDevKeys, HttpGateway, hostTarget, LocalCertifier, LocalIcImpl, startLocalnetServer, type CanisterHttpResponse } from '@trustcloud/localnet';
import { idlFactory, type _SERVICE } from '../../canisters/assets/declarations';
import { installAssets } from '../../canisters/assets/sync/deploy';
import { syncDirectory } from '../../canisters/assets/sync/upload';
import type { Attack, AttackOutcome } from './attack.js';

const ICP = { symbol: 'ICP', decimals: 8 };
const keys = deriveDevKeys();

async function withApp<T>(f: (ic: LocalIcImpl, canisterId: Principal, url: string) => Promise<T>): Promise<T> {
    const ic = new LocalIcImpl({ certifier: new LocalCertifier(keys) });
    const server = await startLocalnetServer({ ic, keys, port: 0, tickIntervalMs: 20, identityProvider: false });
    try {
        const owner = Ed25519KeyIdentity.generate();
        const agent = await HttpAgent.create({ host: server.url, identity: owner, shouldFetchRootKey: true });
        const wasm = new Uint8Array(readFileSync(buildAzleCanisterCached(resolve(import.meta.dirname, '../..'), 'assets').wasm));
        const canisterId = await installAssets(agent, wasm);
        const dir = mkdtempSync(join(tmpdir(), 'attack-app-'));
        writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
        writeFileSync(join(dir, '.ic-assets.json5'), `[{ match: "**/*", headers: { "Content-Security-Policy": "default-src 'self'" } }]`);
        await syncDirectory({ agent, canisterId, dir });
        return await f(ic, canisterId, server.url);
    } finally {
        await server.close();
    }
}

function lyingNode(name: string, tamper: (r: CanisterHttpResponse) => CanisterHttpResponse): Attack {
    return {
        name,
        source: '20',
        run: () =>
            withApp(async (ic, canisterId): Promise<AttackOutcome> => {
                const gateway = new HttpGateway({ ic, rootKeyDer: keys.rootKeyDer, tamper });
                const r = gateway.handle(hostTarget(`${canisterId.toText()}.localhost`, '/')!, { method: 'GET', headers: [], body: new Uint8Array() });
                return { costBaseUnits: 0n, token: ICP, effect: `gateway answered ${r.status}${r.status === 503 ? ' (verification failed), nothing served' : ''}`, targetMet: r.status === 503 };
            })
    };
}

export const attacks: Attack[] = [
    lyingNode('gateway: a node injects a script into index.html', (r) => ({ ...r, body: new TextEncoder().encode('<script>steal()</script>') })),
    lyingNode('gateway: a node strips the Content-Security-Policy', (r) => ({ ...r, headers: r.headers.filter(([k]) => k.toLowerCase() !== 'content-security-policy') })),
    {
        name: 'assets: a principal without Commit replaces index.html',
        source: '20',
        run: () =>
            withApp(async (_ic, canisterId, url): Promise<AttackOutcome> => {
                const agent = await HttpAgent.create({ host: url, identity: Ed25519KeyIdentity.generate(), shouldFetchRootKey: true });
                const a = Actor.createActor<_SERVICE>(idlFactory, { agent, canisterId });
                const refused = await a.store({ key: '/index.html', content_type: 'text/html', content_encoding: 'identity', content: new TextEncoder().encode('<script>steal()</script>'), sha256: [] }).then(() => false, () => true);
                return { costBaseUnits: 0n, token: ICP, effect: refused ? 'store refused (no Commit permission)' : 'index.html replaced', targetMet: refused };
            })
    }
];
