// Builds (once, cached in the temp dir) a small Azle 0.33 canister module for tests and benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../../..');

const files: Record<string, string> = {
    'dfx.json': JSON.stringify({ canisters: { hello: { type: 'azle', main: 'src/index.ts' } } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ES2022', moduleResolution: 'bundler', strict: true } }),
    'src/index.ts': [
        "import { IDL, query, update } from 'azle';",
        'export default class {',
        '    counter = 0n;',
        "    @query([], IDL.Text) hello(): string { return 'hi'; }",
        '    @update([IDL.Nat32], IDL.Nat64) work(n: number): bigint {',
        '        let acc = 0n;',
        '        for (let i = 0; i < n; i++) acc += BigInt(i % 7);',
        '        this.counter += acc;',
        '        return this.counter;',
        '    }',
        '}'
    ].join('\n')
};

/** Path of the compiled module; `LOCALNET_AZLE_WASM` overrides it. */
export function azleModulePath(): string {
    const override = process.env.LOCALNET_AZLE_WASM;
    if (override) return override;
    const dir = join(tmpdir(), 'localnet-wasm-azle');
    const wasm = join(dir, '.azle', 'hello', 'hello.wasm');
    if (!existsSync(wasm)) build(dir);
    return wasm;
}

export function azleModule(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(readFileSync(azleModulePath()));
}

function build(dir: string): void {
    for (const [name, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), content);
    }
    if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
    const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const azle = join(repoRoot, 'node_modules', 'azle', 'src', 'build.ts');
    const result = spawnSync(process.execPath, [tsx, azle, 'build', 'hello'], {
        cwd: dir,
        env: { ...process.env, CANISTER_CANDID_PATH: join(dir, 'hello.did') },
        encoding: 'utf8'
    });
    if (result.status !== 0) throw new Error(`azle build failed:\n${result.stdout}\n${result.stderr}`);
}
