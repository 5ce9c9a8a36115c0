import { buildAzleCanister, azleCanisterNames } from './azle-build.mjs';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
for (const name of azleCanisterNames(root)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const started = Date.now();
    const { wasm, candid } = buildAzleCanister(root, name);
    console.log(`built ${name}: ${wasm} + ${candid} (${Date.now() - started} ms)`);
}
