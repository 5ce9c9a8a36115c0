// icp-cli end to end against localnet: the repository's icp.yaml deployed with the `icp` binary from
// npm (@icp-sdk/icp-cli-linux-x64) onto a localnet started for the test on its own port — canister
// creation through the CMC and the cycles ledger (funded by localnet's faucet), install, the
// frontend's asset sync with its rendered /config.json — then `icp canister call` on each canister.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(new URL('../..', import.meta.url).pathname);
const ICP = join(root, 'node_modules/@icp-sdk/icp-cli-linux-x64/bin/icp');
const PORT = Number(process.env.ICP_TEST_LOCALNET_PORT ?? 4987);
const present = existsSync(ICP);
if (!present) console.warn(`tests/deploy/icp-cli.test.ts skipped: no icp binary at ${ICP} (npm ci installs @icp-sdk/icp-cli-linux-x64)`);

describe.skipIf(!present)('icp deploy of icp.yaml against localnet', () => {
    let localnet: ChildProcess;
    let project: string;
    let home: string;
    const icp = (...args: string[]): string =>
        execFileSync(ICP, args, { cwd: project, encoding: 'utf8', env: { ...process.env, ICP_HOME: home, DO_NOT_TRACK: '1', TRUSTCLOUD_PREBUILT: '1' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });

    beforeAll(async () => {
        const built = ['ledger', 'icpay', 'marketplace', 'assets'].every((n) => existsSync(join(root, `.azle/${n}/${n}.wasm`)));
        if (!built) execFileSync('npm', ['run', '--silent', 'build', '--', 'ledger', 'icpay', 'marketplace', 'assets'], { cwd: root, stdio: 'inherit' });
        if (!existsSync(join(root, 'frontend/dist/index.html'))) execFileSync('npm', ['run', '--silent', 'build', '--workspace', 'frontend'], { cwd: root, stdio: 'inherit' });
        // The project as checked in, with the local network on the test's port.
        project = mkdtempSync(join(tmpdir(), 'icp-project-'));
        home = join(project, '.icp-home');
        for (const entry of ['.azle', 'canisters', 'frontend', 'localnet', 'node_modules', 'package.json', 'scripts', 'tsconfig.json']) symlinkSync(join(root, entry), join(project, entry));
        writeFileSync(join(project, 'icp.yaml'), readFileSync(join(root, 'icp.yaml'), 'utf8').replace('http://127.0.0.1:4943', `http://127.0.0.1:${PORT}`));
        localnet = spawn(process.execPath, ['--import', 'tsx', 'localnet/src/cli.ts'], {
            cwd: root,
            env: { ...process.env, LOCALNET_PORT: String(PORT), LOCALNET_STATE_DIR: join(project, '.localnet') },
            stdio: ['ignore', 'pipe', 'inherit']
        });
        await new Promise<void>((ok, fail) => {
            localnet.stdout!.on('data', (d: Buffer) => (d.toString().includes('IC HTTP interface at') ? ok() : undefined));
            localnet.on('exit', (code) => fail(new Error(`localnet exited with ${code}`)));
        });
        icp('identity', 'new', 'deployer', '--storage', 'plaintext');
        icp('identity', 'default', 'deployer');
        const owner = icp('identity', 'principal').trim();
        const faucet = await fetch(`http://127.0.0.1:${PORT}/_/cycles/faucet`, { method: 'POST', body: JSON.stringify({ owner }) });
        expect(faucet.status).toBe(200);
    }, 900_000);

    afterAll(async () => {
        // localnet writes its state directory until it exits: remove the project only after that.
        if (localnet && localnet.exitCode === null) {
            const exited = new Promise((done) => localnet.once('exit', done));
            localnet.kill('SIGINT');
            await exited;
        }
        if (project) rmSync(project, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }, 60_000);

    it('creates, installs and syncs every canister, then answers icp canister call', () => {
        const balanceBefore = icp('cycles', 'balance');
        const out = icp('deploy');
        expect(out).toMatch(/Created canister ledger/);
        for (const name of ['ledger', 'ckusdc', 'icpay', 'marketplace', 'frontend']) expect(out).toContain(name);
        // Paid from the cycles ledger: the deploy's balance went down.
        expect(icp('cycles', 'balance')).not.toBe(balanceBefore);

        expect(icp('canister', 'call', 'ledger', 'icrc1_symbol', '()')).toContain('"TCY"');
        const ledgerId = icp('canister', 'status', 'ledger', '--id-only').trim();
        const config = icp('canister', 'call', 'marketplace', 'getConfig', '()', '--query');
        expect(config).toContain(ledgerId); // the sync step pointed the marketplace at the local ledger
        // The second token and the local ICPay: configured in the marketplace and in ICPay's canister.
        expect(icp('canister', 'call', 'ckusdc', 'icrc1_decimals', '()')).toContain('6');
        const usdcId = icp('canister', 'status', 'ckusdc', '--id-only').trim();
        const icpayId = icp('canister', 'status', 'icpay', '--id-only').trim();
        const marketId = icp('canister', 'status', 'marketplace', '--id-only').trim();
        expect(config).toContain(usdcId);
        expect(config).toContain(icpayId);
        const ledgers = icp('canister', 'call', 'icpay', 'list_allowed_ledgers', '()', '--query');
        expect(ledgers).toContain(ledgerId);
        expect(ledgers).toContain(usdcId);
        expect(icp('canister', 'call', 'icpay', 'get_account', '(1 : nat64)', '--query')).toContain(marketId);
        const index = icp('canister', 'call', 'frontend', 'get', '(record { key = "/config.json"; accept_encodings = vec { "identity" } })', '--query');
        expect(index).toMatch(/content_type = "application\/json"/);
        const status = icp('canister', 'status', 'frontend');
        expect(status).toMatch(/Status: Running/);
        expect(() => icp('canister', 'logs', 'marketplace')).not.toThrow();
    }, 900_000);

    it('deploys again as an upgrade, keeping the ledger and its id', () => {
        const before = icp('canister', 'status', 'ledger', '--id-only').trim();
        const out = icp('deploy');
        expect(out).not.toMatch(/Created canister/);
        expect(icp('canister', 'status', 'ledger', '--id-only').trim()).toBe(before);
    }, 900_000);
});
