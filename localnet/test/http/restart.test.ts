// Restart with the real executor: `npm run localnet`'s entry point as a child process, stopped
// with SIGINT, restarted on the same state directory; and the in-process `runLocalnet`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { runLocalnet } from '../../src/server/run.js';
import { localIcFactory } from '../../src/server/executor.js';
import { agentFor } from './helpers.js';
import { deployProbe, probeActor } from './probe.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '../../src/cli.ts');

function startCli(stateDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', cli], {
        env: { ...process.env, LOCALNET_PORT: '0', LOCALNET_STATE_DIR: stateDir },
        stdio: ['ignore', 'pipe', 'pipe']
    });
    let out = '';
    return new Promise((resolvePromise, reject) => {
        const onData = (d: Buffer): void => {
            out += d.toString();
            const m = /IC HTTP interface at (http:\/\/\S+)/.exec(out);
            if (m && /state (restored from|kept in)/.test(out)) resolvePromise({ child, url: m[1] as string, output: () => out });
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.on('exit', code => reject(new Error(`localnet exited with ${code}:\n${out}`)));
    });
}

function stop(child: ChildProcess): Promise<number | null> {
    return new Promise(r => {
        child.on('exit', code => r(code));
        child.kill('SIGINT');
    });
}

describe('restart', () => {
    it('npm run localnet: SIGINT saves, a restart on the same state dir brings the canister back', async () => {
        const stateDir = join(mkdtempSync(join(tmpdir(), 'localnet-cli-')), 'state');
        const owner = Ed25519KeyIdentity.generate();
        const first = await startCli(stateDir);
        let canisterId;
        try {
            expect(first.output()).toMatch(/root key \(DER hex\) 308182301d06/);
            const agent = await agentFor(first.url, owner);
            canisterId = await deployProbe(agent);
            const a = probeActor(agent, canisterId);
            await a.inc();
            await a.inc();
            expect(await a.inc()).toBe(3n);
        } finally {
            expect(await stop(first.child)).toBe(0);
        }
        expect(existsSync(join(stateDir, 'state.json'))).toBe(true);
        const second = await startCli(stateDir);
        try {
            expect(second.output()).toMatch(/state restored from .* \(1 canisters\)/);
            const agent = await agentFor(second.url, owner);
            const a = probeActor(agent, canisterId);
            expect(await a.counter()).toBe(3n);
            expect(await a.inc()).toBe(4n);
            expect((await a.whoami()).toText()).toBe(owner.getPrincipal().toText());
        } finally {
            expect(await stop(second.child)).toBe(0);
        }
    });

    it('runLocalnet in-process: periodic saves survive a crash (no final save)', async () => {
        const stateDir = join(mkdtempSync(join(tmpdir(), 'localnet-run-')), 'state');
        const first = await runLocalnet(localIcFactory, { port: 0, stateDir, saveIntervalMs: 100, log: () => {} });
        const agent = await agentFor(first.server.url);
        const canisterId = await deployProbe(agent);
        await probeActor(agent, canisterId).inc();
        await new Promise(r => setTimeout(r, 400));
        // Simulate a crash: load the saved state while the first server still runs.
        const second = await runLocalnet(localIcFactory, { port: 0, stateDir, saveIntervalMs: 100, log: () => {} });
        try {
            expect(await probeActor(await agentFor(second.server.url), canisterId).counter()).toBe(1n);
        } finally {
            await second.stop();
            await first.stop();
        }
    });
});
