// The server's persistence wiring (periodic save, save on stop, load on start) with a fake
// executor whose state is its counter. The restart test with the real executor is restart.test.ts.
import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLocalnet, type IcFactory } from '../../src/server/run.js';
import { FakeIc } from './fake_ic.js';
import { agentFor, fakeActor } from './helpers.js';

const factory: IcFactory<FakeIc> = {
    create: () => new FakeIc(),
    load: dir => {
        const ic = new FakeIc();
        ic.counter = BigInt((JSON.parse(readFileSync(join(dir, 'fake.json'), 'utf8')) as { counter: string }).counter);
        return ic;
    },
    save: (ic, dir) => {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'fake.json'), JSON.stringify({ counter: ic.counter.toString() }));
    },
    hasState: dir => existsSync(join(dir, 'fake.json'))
};

describe('runLocalnet persistence', () => {
    it('saves periodically and on stop; a restart brings the state back with the same root key', async () => {
        const stateDir = join(mkdtempSync(join(tmpdir(), 'localnet-http-')), 'state');
        const lines: string[] = [];
        const first = await runLocalnet(factory, { port: 0, stateDir, saveIntervalMs: 50, log: l => lines.push(l) });
        expect(lines.join('\n')).toMatch(/root key \(DER hex\) 308182/);
        const agent1 = await agentFor(first.server.url);
        const a1 = fakeActor(agent1);
        await a1.inc();
        await a1.inc();
        await new Promise(r => setTimeout(r, 200));
        expect(JSON.parse(readFileSync(join(stateDir, 'fake.json'), 'utf8'))).toEqual({ counter: '2' });
        await a1.inc();
        await first.stop();
        expect(JSON.parse(readFileSync(join(stateDir, 'fake.json'), 'utf8'))).toEqual({ counter: '3' });

        const second = await runLocalnet(factory, { port: 0, stateDir, log: () => {} });
        try {
            // An agent that cached the old root key keeps working.
            const cached = await agentFor(second.server.url, undefined, { rootKey: agent1.rootKey, shouldFetchRootKey: false });
            expect(await fakeActor(cached).counter()).toBe(3n);
            expect(await fakeActor(cached).inc()).toBe(4n);
        } finally {
            await second.stop();
        }
    });
});
