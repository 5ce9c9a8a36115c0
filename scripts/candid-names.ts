// Gives the types of a canister's .did their product names. Azle 0.33 prints every type
// structurally (only recursive ones get a name, rec_N), so the bindings had the contract record
// written out hundreds of times and no type names. Each canister declares `CANDID_NAMES`
// (name → IDL type) next to its IDL constants; this step prints each named type with Azle's own
// printer, replaces that exact text in Azle's .did by the name, and then proves the result means
// the same: the Rust `candid` parser (inside @icp-sdk/bindgen) reads the named .did, and Azle's
// printer, run over what it read, must give back Azle's text character for character.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { register } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate } from '@icp-sdk/bindgen/core';
import type { IDL } from '@dfinity/candid';
import { getDefaultVisitorData, idlToString } from 'azle/_internal';

/** The modules whose `CANDID_NAMES` name a canister's types (one map per Candid module). */
export const NAME_MODULES: Record<string, string[]> = {
    marketplace: ['canisters/marketplace/src/root/candid.ts', 'canisters/marketplace/src/trust/candid.ts'],
    ledger: ['canisters/ledger/src/candid_names.ts'],
    assets: ['canisters/assets/src/candid_names.ts']
};

export class CandidNamingError extends Error {
    override name = 'CandidNamingError';
}

const CANDID_KEYWORDS = new Set(
    'blob bool composite_query empty float32 float64 func import int int8 int16 int32 int64 nat nat8 nat16 nat32 nat64 null oneway opt principal query record reserved service text type variant vec'.split(' ')
);

/** Structural text of a type as Azle prints it inside a .did. */
export function structureOf(name: string, type: IDL.Type): string {
    const text = idlToString(type).trimEnd();
    if (/\brec_\d+\b/.test(text)) throw new CandidNamingError(`${name}: contains a recursive type; name the types inside it instead`);
    if (!/^(record|variant) \{/.test(text)) throw new CandidNamingError(`${name}: only records and variants get a name (this is \`${text}\`)`);
    return text;
}

const startsType = (text: string, at: number) => at === 0 || !/[A-Za-z0-9_"]/.test(text[at - 1]!);

function replaceType(text: string, structure: string, name: string): string {
    let out = '';
    let from = 0;
    for (let at = text.indexOf(structure); at !== -1; at = text.indexOf(structure, at + 1)) {
        if (at < from || !startsType(text, at)) continue;
        out += text.slice(from, at) + name;
        from = at + structure.length;
    }
    return out + text.slice(from);
}

/** `record {a:x; b:y}` → one field a line (nested types stay on theirs). */
function fieldPerLine(body: string): string {
    if (body.endsWith('{}')) return body;
    const open = body.indexOf('{');
    const fields: string[] = [];
    let depth = 0;
    let start = open + 1;
    for (let i = start; i < body.length - 1; i++) {
        if (body[i] === '{') depth++;
        else if (body[i] === '}') depth--;
        else if (depth === 0 && body.startsWith('; ', i)) {
            fields.push(body.slice(start, i));
            start = i + 2;
        }
    }
    fields.push(body.slice(start, body.length - 1));
    return `${body.slice(0, open + 1)}\n${fields.map((f) => `    ${f};\n`).join('')}}`;
}

/**
 * Azle's .did with every named structure replaced by its name and a `type` definition per name.
 * Pure; throws CandidNamingError naming the type when the map does not fit the .did.
 */
export function nameTypes(azleDid: string, structures: Record<string, string>): string {
    const names = Object.keys(structures);
    const byStructure = new Map<string, string>();
    for (const name of names) {
        if (!/^[A-Z][A-Za-z0-9_]*$/.test(name) || CANDID_KEYWORDS.has(name)) throw new CandidNamingError(`${name}: not a type name (A-Z first, letters and digits)`);
        const twin = byStructure.get(structures[name]!);
        if (twin !== undefined) throw new CandidNamingError(`${twin} and ${name} have the same structure; Candid cannot tell them apart, keep one`);
        byStructure.set(structures[name]!, name);
        if (replaceType(azleDid, structures[name]!, name) === azleDid) {
            throw new CandidNamingError(`${name}: its structure does not occur in the .did (the map's type is not the one the methods use):\n  ${structures[name]}`);
        }
    }
    // Outer types first, so an inner name is replaced inside the outer one's definition as well.
    const order = [...names].sort((a, b) => structures[b]!.length - structures[a]!.length);
    let service = azleDid;
    const definitions: Record<string, string> = { ...structures };
    for (const name of order) {
        service = replaceType(service, structures[name]!, name);
        for (const other of names) if (other !== name) definitions[other] = replaceType(definitions[other]!, structures[name]!, name);
    }
    const types = [...names].sort().map((name) => `type ${name} = ${fieldPerLine(definitions[name]!)};\n`);
    return types.join('') + service;
}

/** Renames rec_N in order of first use: two printings of the same types number them differently. */
const canonicalRecs = (did: string) => {
    const seen = new Map<string, string>();
    return did.replace(/\brec_\d+\b/g, (r) => seen.get(r) ?? (seen.set(r, `rec_${seen.size}`), `rec_${seen.size - 1}`));
};

/** The .did as Azle prints the service and init arguments that an independent parser read from `did`. */
export async function reprint(did: string): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'candid-names-'));
    try {
        writeFileSync(join(dir, 'named.did'), did);
        await generate({
            didFile: join(dir, 'named.did'),
            outDir: dir,
            output: { force: true, actor: { disabled: true }, declarations: { typescript: false, flat: true } }
        });
        const js = readFileSync(join(dir, 'named.did.js'), 'utf8').replace(/^import .*$/m, '');
        writeFileSync(join(dir, 'named.mjs'), js);
        const parsed = (await import(pathToFileURL(join(dir, 'named.mjs')).href)) as {
            idlFactory: IDL.InterfaceFactory;
            init: (a: { IDL: typeof IDL }) => IDL.GenericIdlFuncArgs;
        };
        const { IDL: idl } = await import('@dfinity/candid');
        return idlToString(parsed.idlFactory({ IDL: idl }), {
            ...getDefaultVisitorData(),
            isFirstService: true,
            initAndPostUpgradeParamIdlTypes: parsed.init({ IDL: idl })
        });
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** Throws unless `named` means exactly `azleDid` (first differing line quoted). */
export async function proveSame(azleDid: string, named: string, canister: string): Promise<void> {
    const expanded = canonicalRecs(
        await reprint(named).catch((e: unknown) => {
            throw new CandidNamingError(`${canister}: the named .did does not parse: ${e instanceof Error ? e.message : String(e)}`);
        })
    );
    const expected = canonicalRecs(azleDid);
    if (expanded === expected) return;
    const a = expected.split('\n');
    const b = expanded.split('\n');
    const found = a.findIndex((l, i) => l !== b[i]);
    const line = found === -1 ? a.length : found;
    throw new CandidNamingError(
        `${canister}: the named .did does not expand back to Azle's.\n  Azle:  ${a[line]?.slice(0, 400)}\n  named: ${b[line]?.slice(0, 400)}`
    );
}

const hooked = new Set<string>();
/**
 * Loads the name maps of `canister` (or the given modules). Their IDL constants import `IDL` from
 * 'azle', whose entry only runs inside a canister; Azle re-exports @dfinity/candid's IDL, so for
 * modules under canisters/ 'azle' resolves to @dfinity/candid.
 */
export async function loadNames(root: string, canister: string, modules = NAME_MODULES[canister] ?? []): Promise<Record<string, IDL.Type>> {
    const scope = pathToFileURL(join(root, 'canisters')).href + '/';
    if (!hooked.has(scope)) {
        const hook = `export async function resolve(s, c, next) { return next(s === 'azle' && c.parentURL?.startsWith(${JSON.stringify(scope)}) ? '@dfinity/candid' : s, c); }`;
        register(`data:text/javascript,${encodeURIComponent(hook)}`, import.meta.url);
        hooked.add(scope);
    }
    const names: Record<string, IDL.Type> = {};
    for (const file of modules) {
        const mod = (await import(pathToFileURL(resolve(root, file)).href)) as { CANDID_NAMES?: Record<string, IDL.Type> };
        if (mod.CANDID_NAMES === undefined) throw new CandidNamingError(`${file} exports no CANDID_NAMES`);
        for (const [name, type] of Object.entries(mod.CANDID_NAMES)) {
            if (name in names) throw new CandidNamingError(`${name} is named twice (second time in ${file})`);
            names[name] = type;
        }
    }
    return names;
}

/** Names the type whose replacement alone changes the .did (the proof failed for the whole map). */
async function withCulprit(e: unknown, azleDid: string, structures: Record<string, string>, canister: string): Promise<unknown> {
    if (!(e instanceof CandidNamingError)) return e;
    for (const [name, structure] of Object.entries(structures)) {
        const alone = await proveSame(azleDid, nameTypes(azleDid, { [name]: structure }), canister).then(() => null, (err: unknown) => err);
        if (alone !== null) return new CandidNamingError(`${name}: naming it changes the .did. ${e.message}`);
    }
    return e;
}

export async function namedDid(azleDid: string, names: Record<string, IDL.Type>, canister: string): Promise<string> {
    const structures = Object.fromEntries(Object.entries(names).map(([name, type]) => [name, structureOf(name, type)]));
    const named = nameTypes(azleDid, structures);
    try {
        await proveSame(azleDid, named, canister);
    } catch (e) {
        throw await withCulprit(e, azleDid, structures, canister);
    }
    return named;
}

/** Where the builds have Azle write its own .did: the naming step's input, kept next to the Wasm. */
export const azleCandidPath = (root: string, canister: string) => join(root, '.azle', canister, `${canister}.azle.did`);

/** Right after `azleBuild`: writes the named .did (from Azle's at `azleDid`) to the dfx.json path. */
export async function nameCanisterCandid(root: string, canister: string, azleDidPath: string): Promise<{ before: number; after: number }> {
    const dfx = JSON.parse(readFileSync(join(root, 'dfx.json'), 'utf8')) as { canisters: Record<string, { candid?: string }> };
    const target = dfx.canisters[canister]?.candid;
    if (target === undefined) throw new CandidNamingError(`dfx.json has no candid path for ${canister}`);
    const azleDid = readFileSync(azleDidPath, 'utf8');
    const named = NAME_MODULES[canister] === undefined ? azleDid : await namedDid(azleDid, await loadNames(root, canister), canister);
    writeFileSync(join(root, target), named);
    return { before: azleDid.length, after: named.length };
}

// CLI (used by the tests): name one .did with the canister's maps or the given modules.
//   node --import tsx scripts/candid-names.ts <canister> <azle.did> <out.did> [names-module…]
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
    const [canister, input, output, ...modules] = process.argv.slice(2);
    const root = resolve(new URL('..', import.meta.url).pathname);
    try {
        const names = await loadNames(root, canister!, modules.length > 0 ? modules : undefined);
        writeFileSync(output!, await namedDid(readFileSync(input!, 'utf8'), names, canister!));
    } catch (e) {
        console.error(e instanceof CandidNamingError ? `candid names: ${e.message}` : e);
        process.exitCode = 1;
    }
}
