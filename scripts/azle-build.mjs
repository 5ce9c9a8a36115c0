// Builds Azle canisters offline: `azle build` bundles the TypeScript and injects it into the
// template Wasm shipped in the npm package. dfx normally sets CANISTER_CANDID_PATH; we do it here.
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
// azle's package exports hide package.json, so locate the packages on disk.
const azleBin = join(root, 'node_modules', 'azle', 'src', 'build.ts');
const tsxBin = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Builds canister `name` declared in `<projectDir>/dfx.json`; returns the Wasm and Candid paths. */
export function buildAzleCanister(projectDir, name) {
    const dfx = JSON.parse(readFileSync(join(projectDir, 'dfx.json'), 'utf8'));
    const entry = dfx.canisters?.[name];
    if (entry === undefined || entry.type !== 'azle') {
        throw new Error(`dfx.json in ${projectDir} has no azle canister named ${name}`);
    }
    const candid = resolve(projectDir, entry.candid ?? `${name}.did`);
    mkdirSync(dirname(candid), { recursive: true });
    const result = spawnSync(process.execPath, [tsxBin, azleBin, 'build', name], {
        cwd: projectDir,
        env: { ...process.env, CANISTER_CANDID_PATH: candid },
        encoding: 'utf8'
    });
    const wasm = join(projectDir, '.azle', name, `${name}.wasm`);
    if (result.status !== 0 || !existsSync(wasm)) {
        throw new Error(`azle build ${name} failed:\n${result.stdout}\n${result.stderr}`);
    }
    return { wasm, candid };
}

export function azleCanisterNames(projectDir) {
    const dfx = JSON.parse(readFileSync(join(projectDir, 'dfx.json'), 'utf8'));
    return Object.entries(dfx.canisters ?? {})
        .filter(([, c]) => c.type === 'azle')
        .map(([n]) => n);
}
