// `npm run build [name…]`: builds every Azle canister of dfx.json offline (Wasm + Candid), then
// names the Candid's types (scripts/candid-names.ts) and embeds the named Candid as the Wasm's public
// `candid:service` metadata (scripts/candid-metadata.ts, with ic-wasm).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { azleBuild } from '@trustcloud/localnet';
import { embedCandidService } from './candid-metadata';
import { azleCandidPath, nameCanisterCandid } from './candid-names';

const root = resolve(new URL('..', import.meta.url).pathname);
const dfx = JSON.parse(readFileSync(join(root, 'dfx.json'), 'utf8')) as { canisters: Record<string, { type: string }> };
const only = process.argv.slice(2);
const dfxCandid = (name: string) => (dfx.canisters[name] as { candid?: string }).candid;
for (const [name, canister] of Object.entries(dfx.canisters)) {
    if (canister.type !== 'azle' || (only.length > 0 && !only.includes(name))) continue;
    const started = Date.now();
    const { wasm, candid } = azleBuild(root, name, azleCandidPath(root, name));
    const { before, after } = await nameCanisterCandid(root, name, candid);
    embedCandidService(wasm, join(root, dfxCandid(name)!));
    console.log(`built ${name}: ${wasm} + ${dfxCandid(name)} (named: ${before} → ${after} bytes; candid:service embedded) (${Date.now() - started} ms)`);
}
