// Builds the probe canister (canister/) once per process, again only when its source changed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { azleBuild } from '../../src/testing/build.js';

export const PROBE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'canister');

function newestMtime(dir: string): number {
    return statSync(join(dir, 'src', 'index.ts')).mtimeMs;
}

export function buildProbe(): { wasm: Uint8Array; candid: string } {
    const wasmPath = join(PROBE_DIR, '.azle', 'http_probe', 'http_probe.wasm');
    const candid = resolve(PROBE_DIR, 'http_probe.did');
    if (!existsSync(wasmPath) || statSync(wasmPath).mtimeMs < newestMtime(PROBE_DIR)) {
        azleBuild(PROBE_DIR, 'http_probe');
    }
    return { wasm: new Uint8Array(readFileSync(wasmPath)), candid: readFileSync(candid, 'utf8') };
}
