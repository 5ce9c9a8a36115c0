// `npm run build [name…]`: builds every Azle canister of dfx.json offline (Wasm + Candid).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { azleBuild } from '@trustcloud/localnet';

const root = resolve(new URL('..', import.meta.url).pathname);
const dfx = JSON.parse(readFileSync(join(root, 'dfx.json'), 'utf8')) as { canisters: Record<string, { type: string }> };
const only = process.argv.slice(2);
for (const [name, canister] of Object.entries(dfx.canisters)) {
    if (canister.type !== 'azle' || (only.length > 0 && !only.includes(name))) continue;
    const started = Date.now();
    const { wasm, candid } = azleBuild(root, name);
    console.log(`built ${name}: ${wasm} + ${candid} (${Date.now() - started} ms)`);
}
