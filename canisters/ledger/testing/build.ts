// Builds the ledger once per change of its sources. The cache key covers only what goes into the
// module (canisters/ledger/src, canisters/common and azle's version), so unrelated edits elsewhere
// in the repository do not force a rebuild, and parallel test workers build it once between them (a lock directory).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheDir, azleBuild } from '@trustcloud/localnet';

const ROOT = resolve(import.meta.dirname, '../../..');
/** What goes into the module: the ledger's sources and the code the canisters share. */
const SOURCES = [resolve(import.meta.dirname, '../src'), resolve(import.meta.dirname, '../../common')];
const LOCK_TIMEOUT_MS = 300_000;

export interface LedgerBuild {
    readonly wasm: string;
    readonly candid: string;
}

export function buildLedger(): LedgerBuild {
    const dir = join(cacheDir(), 'azle-builds');
    mkdirSync(dir, { recursive: true });
    const key = sourceKey();
    const build = { wasm: join(dir, `ledger-src-${key}.wasm`), candid: join(dir, `ledger-src-${key}.did`) };
    if (isBuilt(build)) return build;
    return withLock(join(dir, `ledger-src-${key}.lock`), () => {
        if (isBuilt(build)) return build;
        const built = azleBuild(ROOT, 'ledger', `${build.candid}.${process.pid}.tmp`);
        renameSync(built.candid, build.candid);
        publish(built.wasm, build.wasm);
        return build;
    });
}

function isBuilt(build: LedgerBuild): boolean {
    return existsSync(build.wasm) && existsSync(build.candid);
}

function publish(from: string, to: string): void {
    copyFileSync(from, `${to}.${process.pid}.tmp`);
    renameSync(`${to}.${process.pid}.tmp`, to);
}

function sourceKey(): string {
    const hash = createHash('sha256');
    for (const file of SOURCES.flatMap(files)) hash.update(file).update(readFileSync(file));
    hash.update(readFileSync(join(ROOT, 'node_modules', 'azle', 'package.json')));
    return hash.digest('hex').slice(0, 24);
}

function files(dir: string): string[] {
    return readdirSync(dir)
        .sort()
        .flatMap((name) => {
            const path = join(dir, name);
            return statSync(path).isDirectory() ? files(path) : [path];
        });
}

function withLock<T>(lock: string, run: () => T): T {
    const deadline = Date.now() + LOCK_TIMEOUT_MS;
    for (;;) {
        try {
            mkdirSync(lock);
            break;
        } catch {
            if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
        }
    }
    try {
        return run();
    } finally {
        rmdirSync(lock);
    }
}
