// Builds the probe canister (canister/) once per process. Uses scripts/azle-build.mjs when it
// loads; otherwise the same steps locally (see the report: its `require.resolve('azle/package.json')`
// fails because azle's package.json "exports" does not list ./package.json).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROBE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'canister');
const require = createRequire(import.meta.url);

function azleRoot(): string {
    let dir = dirname(require.resolve('azle'));
    while (!existsSync(join(dir, 'package.json')) || !readFileSync(join(dir, 'package.json'), 'utf8').includes('"name": "azle"')) {
        const up = dirname(dir);
        if (up === dir) throw new Error('azle package not found');
        dir = up;
    }
    return dir;
}

function newestMtime(dir: string): number {
    return statSync(join(dir, 'src', 'index.ts')).mtimeMs;
}

export function buildProbe(): { wasm: Uint8Array; candid: string } {
    const wasmPath = join(PROBE_DIR, '.azle', 'http_probe', 'http_probe.wasm');
    const candid = resolve(PROBE_DIR, 'http_probe.did');
    if (!existsSync(wasmPath) || statSync(wasmPath).mtimeMs < newestMtime(PROBE_DIR)) {
        mkdirSync(dirname(candid), { recursive: true });
        const tsx = join(dirname(require.resolve('tsx')), 'cli.mjs');
        const result = spawnSync(process.execPath, [tsx, join(azleRoot(), 'src', 'build.ts'), 'build', 'http_probe'], {
            cwd: PROBE_DIR,
            env: { ...process.env, CANISTER_CANDID_PATH: candid },
            encoding: 'utf8'
        });
        if (result.status !== 0 || !existsSync(wasmPath)) throw new Error(`azle build failed:\n${result.stdout}\n${result.stderr}`);
    }
    return { wasm: new Uint8Array(readFileSync(wasmPath)), candid: readFileSync(candid, 'utf8') };
}
