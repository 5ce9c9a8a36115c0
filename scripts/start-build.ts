// Builds for `npm start`: Azle canisters (offline, with localnet's azleBuild and the Candid naming
// step, skipped when the Wasm is newer than every source file), then bindings, then the frontend.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { azleBuild } from '@trustcloud/localnet';
import { embedCandidService } from './candid-metadata';
import { azleCandidPath, nameCanisterCandid } from './candid-names';

function newestMtime(dir: string): number {
    let newest = 0;
    const walk = (d: string) => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
            // The .did (named after the Wasm is written) and declarations/ (from the .did) are outputs.
            if (e.name === 'node_modules' || e.name === 'declarations' || e.name.endsWith('.did') || e.name.startsWith('.')) continue;
            const p = join(d, e.name);
            if (e.isDirectory()) walk(p);
            else newest = Math.max(newest, statSync(p).mtimeMs);
        }
    };
    if (existsSync(dir)) walk(dir);
    return newest;
}

export async function buildCanister(root: string, name: string, log: (m: string) => void): Promise<void> {
    const dfx = JSON.parse(readFileSync(join(root, 'dfx.json'), 'utf8')) as { canisters: Record<string, { main: string; candid: string }> };
    const entry = dfx.canisters[name];
    if (entry === undefined) throw new Error(`dfx.json has no canister ${name}`);
    const wasm = join(root, '.azle', name, `${name}.wasm`);
    const candid = resolve(root, entry.candid);
    // The canister's folder, and the code every canister shares.
    const sources = [join(root, dirname(dirname(entry.main))), join(root, 'canisters', 'common')];
    if (existsSync(wasm) && existsSync(candid) && statSync(wasm).mtimeMs > Math.max(...sources.map(newestMtime))) {
        log(`${name}: up to date`);
        return;
    }
    const t = Date.now();
    azleBuild(root, name, azleCandidPath(root, name));
    try {
        await nameCanisterCandid(root, name, azleCandidPath(root, name));
        embedCandidService(wasm, candid); // as `npm run build` does: deploy tools read the interface
    } catch (e) {
        rmSync(wasm, { force: true }); // else the next start takes the unnamed .did as up to date
        throw e;
    }
    log(`${name}: built in ${Date.now() - t} ms`);
}

/** Copies the built Wasm out of .azle/ (which other builds rewrite) for deployment. */
export function stageWasm(root: string, name: string, dir: string): string {
    const src = join(root, '.azle', name, `${name}.wasm`);
    mkdirSync(dir, { recursive: true });
    const dst = join(dir, `${name}.wasm`);
    copyFileSync(src, dst);
    return dst;
}

export function run(root: string, cmd: string, args: string[], what: string, log: (m: string) => void): void {
    const t = Date.now();
    const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
    if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})`);
    log(`${what}: ${Date.now() - t} ms`);
}
