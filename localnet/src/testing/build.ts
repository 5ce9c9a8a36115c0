// Builds an Azle canister once and caches the Wasm by a hash of its sources (and azle's version),
// so repeated test runs skip the ~5 s build. `azleBuild` is the one offline build step (azle build
// with CANISTER_CANDID_PATH set, as dfx would) used by `npm run build`, `npm start` and the tests.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { cacheDir } from '../ic/module.js';

function findUp(start: string, rel: string): string {
    let dir = resolve(start);
    for (;;) {
        const candidate = join(dir, rel);
        if (existsSync(candidate)) return candidate;
        const parent = dirname(dir);
        if (parent === dir) throw new Error(`${rel} not found above ${start}`);
        dir = parent;
    }
}

// Build outputs, VCS data and run state (dot-folders, dist/, screenshots) are not sources; other
// processes write there while tests run, so a file may vanish mid-walk.
const NOT_SOURCES = new Set(['node_modules', 'dist', 'screenshots']);

function readOptional(path: string): Buffer | null {
    try {
        return readFileSync(path);
    } catch {
        return null;
    }
}

function hashTree(h: ReturnType<typeof createHash>, path: string): void {
    let st;
    try {
        st = statSync(path);
    } catch {
        return;
    }
    if (st.isDirectory()) {
        for (const name of readdirSync(path).sort()) {
            if (name.startsWith('.') || NOT_SOURCES.has(name)) continue;
            hashTree(h, join(path, name));
        }
    } else if (st.isFile()) {
        const content = readOptional(path);
        if (content !== null) h.update(path).update(content);
    }
}

/**
 * Builds canister `name` of `<projectDir>/dfx.json` with azle (uncached). Azle writes its Candid to
 * `candidOut` (default: the dfx.json path); tests pass a path of their own, so that a test build
 * never rewrites the tracked .did, which `npm run build` names (scripts/candid-names.ts).
 */
export function azleBuild(project: string, name: string, candidOut?: string, outDir?: string): { wasm: string; candid: string } {
    const projectDir = resolve(project);
    const dfx = JSON.parse(readFileSync(join(projectDir, 'dfx.json'), 'utf8')) as {
        canisters?: Record<string, { type?: string; candid?: string; main?: string; custom?: Record<string, unknown> }>;
    };
    const entry = dfx.canisters?.[name];
    if (entry?.type !== 'azle') throw new Error(`dfx.json in ${projectDir} has no azle canister named ${name}`);
    const candid = resolve(projectDir, candidOut ?? entry.candid ?? `${name}.did`);
    mkdirSync(dirname(candid), { recursive: true });
    const azlePkg = dirname(findUp(projectDir, 'node_modules/azle/package.json'));
    const tsxPkg = dirname(findUp(projectDir, 'node_modules/tsx/package.json'));
    // dfx.json may say `candid_gen: "custom"` (so that dfx's build keeps the named .did); this build
    // wants Azle's generated Candid, so Azle reads a copy of the entry with `automatic` (AZLE_DFX_ROOT).
    // Inside the project, so that Azle's bundler resolves packages from its node_modules.
    mkdirSync(join(projectDir, '.azle'), { recursive: true });
    const root = mkdtempSync(join(projectDir, '.azle', `.root-${name}-`));
    const canister = { ...entry, main: relative(root, resolve(projectDir, entry.main ?? '')), custom: { ...entry.custom, candid_gen: 'automatic' } };
    writeFileSync(join(root, 'dfx.json'), JSON.stringify({ canisters: { [name]: canister } }));
    const result = spawnSync(process.execPath, [join(tsxPkg, 'dist', 'cli.mjs'), join(azlePkg, 'src', 'build.ts'), 'build', name], {
        cwd: projectDir,
        env: { ...process.env, CANISTER_CANDID_PATH: candid, AZLE_DFX_ROOT: root },
        encoding: 'utf8'
    });
    const out = outDir ?? join(projectDir, '.azle', name);
    if (result.status === 0 && existsSync(join(root, '.azle', name, `${name}.wasm`))) {
        mkdirSync(out, { recursive: true });
        cpSync(join(root, '.azle', name), out, { recursive: true });
    }
    rmSync(root, { recursive: true, force: true });
    const wasm = join(out, `${name}.wasm`);
    if (result.status !== 0 || !existsSync(wasm)) {
        throw new Error(`azle build ${name} failed:\n${result.stdout}\n${result.stderr}`);
    }
    return { wasm, candid };
}

/**
 * Builds (or takes from the cache) canister `name` of `<projectDir>/dfx.json`. The cache key is
 * the content of the project directory (minus build outputs) and azle's package.json.
 */
export function buildAzleCanisterCached(projectDir: string, name: string): { wasm: string; candid: string } {
    const h = createHash('sha256');
    hashTree(h, resolve(projectDir));
    h.update(readFileSync(findUp(projectDir, 'node_modules/azle/package.json')));
    const key = h.digest('hex').slice(0, 24);
    const dir = join(cacheDir(), 'azle-builds');
    const wasm = join(dir, `${name}-${key}.wasm`);
    const candid = join(dir, `${name}-${key}.did`);
    if (existsSync(wasm) && existsSync(candid)) return { wasm, candid };
    mkdirSync(dir, { recursive: true });
    // Parallel test workers: one builds (holding a lock directory), the others wait for it.
    const lock = join(dir, `${name}-${key}.lock`);
    const deadline = Date.now() + 180_000;
    for (;;) {
        try {
            mkdirSync(lock);
            break;
        } catch {
            if (existsSync(wasm) && existsSync(candid)) return { wasm, candid };
            if (Date.now() > deadline) {
                rmSync(lock, { recursive: true, force: true });
                continue;
            }
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
        }
    }
    try {
        if (existsSync(wasm) && existsSync(candid)) return { wasm, candid };
        // Built beside the cache, not into .azle/<name>: that is `npm run build`'s output, which
        // carries the candid:service metadata that deploys (icp-cli) read.
        const out = join(dir, `${name}-${key}.${process.pid}.out`);
        const built = azleBuild(projectDir, name, `${candid}.${process.pid}.tmp`, out);
        renameSync(built.candid, candid);
        copyFileSync(built.wasm, `${wasm}.${process.pid}.tmp`);
        renameSync(`${wasm}.${process.pid}.tmp`, wasm);
        rmSync(out, { recursive: true, force: true });
        return { wasm, candid };
    } finally {
        rmSync(lock, { recursive: true, force: true });
    }
}
