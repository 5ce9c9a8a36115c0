// `candid:service` public metadata in a built Wasm (what dfx does after a build, and what icp-cli,
// dfx and the dashboard read to show a canister's interface), embedded with the ic-wasm binary from
// the npm package @icp-sdk/ic-wasm-linux-x64.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
export const IC_WASM = join(root, 'node_modules/@icp-sdk/ic-wasm-linux-x64/bin/ic-wasm');

function icWasm(args: string[]): string {
    if (!existsSync(IC_WASM)) throw new Error(`ic-wasm not found at ${IC_WASM}: npm ci installs @icp-sdk/ic-wasm-linux-x64`);
    return execFileSync(IC_WASM, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Replaces the module's `candid:service` with the named Candid at `didPath` (public), in place. */
export function embedCandidService(wasmPath: string, didPath: string): void {
    icWasm([wasmPath, '-o', wasmPath, 'metadata', 'candid:service', '-f', didPath, '-v', 'public', '--keep-name-section']);
}

/** The module's `candid:service` as ic-wasm reads it back. */
export function readCandidService(wasmPath: string): string {
    return icWasm([wasmPath, 'metadata', 'candid:service']);
}
