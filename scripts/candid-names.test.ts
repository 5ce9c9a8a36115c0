// The .did carries product names for its types, and the naming step proves them rather than
// trusting them: a map that does not fit Azle's text, or a rewrite that changes a type, fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IDL } from '@dfinity/candid';
import { getDefaultVisitorData, idlToString } from 'azle/_internal';
import { buildAzleCanisterCached } from '@trustcloud/localnet';
import { afterAll, describe, expect, it } from 'vitest';

import { CandidNamingError, nameTypes, namedDid, proveSame, structureOf } from './candid-names';
import { ContractIdl } from '../canisters/marketplace/src/root/candid';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'candid-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A service as Azle's build prints it (isFirstService, init arguments). */
const azlePrint = (methods: Record<string, IDL.FuncClass>, init: IDL.Type[] = []) =>
    idlToString(IDL.Service(methods), { ...getDefaultVisitorData(), isFirstService: true, initAndPostUpgradeParamIdlTypes: init as [] });

const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/candid-names.ts'), ...args], { cwd: root, encoding: 'utf8' });

describe('marketplace.did', () => {
    const did = readFileSync(join(root, 'canisters/marketplace/marketplace.did'), 'utf8');

    it('defines the contract record once and the methods refer to it by name', () => {
        const contract = structureOf('Contract', ContractIdl);
        expect(did.split('historyOmitted:nat32').length - 1).toBe(1);
        expect(did).not.toContain(contract); // only in its one-field-a-line definition
        expect(did).toMatch(/^type Contract = record \{$/m);
        expect(did).toMatch(/^type ResultContract = variant \{\n {4}Ok:Contract;\n {4}Err:CanisterError;\n\};$/m);
        expect(did).toContain('    getContract: (nat64) -> (opt Contract) query;\n');
    });

    it("is what the naming step makes of Azle's own .did from the current sources", () => {
        const azle = buildAzleCanisterCached(root, 'marketplace').candid;
        const out = join(dir, 'marketplace.did');
        const r = cli('marketplace', azle, out);
        expect(r.stderr).toBe('');
        expect(readFileSync(out, 'utf8')).toBe(did);
    });

    it('refuses a name map whose type is not the one the methods use, naming the type', () => {
        const azle = buildAzleCanisterCached(root, 'marketplace').candid;
        const out = join(dir, 'stale.did');
        const r = cli('marketplace', azle, out, 'scripts/fixtures/stale-contract-names.ts');
        expect(r.status).toBe(1);
        expect(r.stderr).toContain('candid names: Contract: its structure does not occur in the .did');
        expect(existsSync(out)).toBe(false);
    });
});

describe('nameTypes + proveSame', () => {
    const Item = IDL.Record({ id: IDL.Nat64, label: IDL.Text });
    const Failure = IDL.Variant({ Missing: IDL.Null, Invalid: IDL.Record({ reason: IDL.Text }) });
    const ResultItem = IDL.Variant({ Ok: Item, Err: Failure });
    const names = { Item, Failure, ResultItem };
    const structures = Object.fromEntries(Object.entries(names).map(([n, t]) => [n, structureOf(n, t)]));

    it('names nested types inside each other and leaves unnamed ones structural', async () => {
        const azle = azlePrint({
            get: IDL.Func([IDL.Nat64], [ResultItem], ['query']),
            list: IDL.Func([], [IDL.Vec(IDL.Tuple(Item, IDL.Nat))], []),
            other: IDL.Func([IDL.Record({ x: IDL.Nat })], [], []),
            ping: IDL.Func([IDL.Record({})], [], [])
        }, [IDL.Opt(Item)]);
        const named = nameTypes(azle, { ...structures, Nothing: structureOf('Nothing', IDL.Record({})) });
        expect(named).toContain('type Nothing = record {};');
        expect(named).toContain('type ResultItem = variant {\n    Ok:Item;\n    Err:Failure;\n};');
        expect(named).toContain('service: (opt Item) -> {');
        expect(named).toContain('    get: (nat64) -> (ResultItem) query;');
        expect(named).toContain('    list: () -> (vec record {Item; nat});');
        expect(named).toContain('    other: (record {x:nat}) -> ();');
        await proveSame(azle, named, 'test');
    });

    it('keeps recursive types working, with names inside them', async () => {
        const Tree = IDL.Rec();
        Tree.fill(IDL.Record({ item: Item, children: IDL.Vec(Tree) }));
        const azle = azlePrint({ tree: IDL.Func([], [Tree], ['query']), item: IDL.Func([], [Item], []) });
        const named = nameTypes(azle, { Item: structures.Item! });
        expect(named).toMatch(/type rec_\d+ = record \{item:Item; children:vec rec_\d+\};/);
        await proveSame(azle, named, 'test');
        expect(() => structureOf('Tree', IDL.Record({ root: Tree }))).toThrow(/recursive/);
    });

    it('fails when a rewrite changes a type, quoting the line', async () => {
        const azle = azlePrint({ get: IDL.Func([IDL.Nat64], [ResultItem], ['query']) });
        const tampered = nameTypes(azle, structures).replace('label:text', 'label:nat');
        await expect(proveSame(azle, tampered, 'test')).rejects.toThrow(/does not expand back to Azle's[\s\S]*get: \(nat64\)/);
    });

    it('names the type whose replacement breaks the proof', async () => {
        // A quoted label that contains a type's text: the rewrite replaces it there too, and the proof notices.
        const X = IDL.Record({ x: IDL.Nat });
        const azle = azlePrint({ get: IDL.Func([], [IDL.Record({ 'a:record {x:nat}': IDL.Nat, b: X })], []) });
        await expect(namedDid(azle, { X }, 'test')).rejects.toThrow(/^X: naming it changes the \.did/);
    });

    it('refuses twins, unused names and names that are not type names', () => {
        const azle = azlePrint({ get: IDL.Func([], [Item], []) });
        expect(() => nameTypes(azle, { Item: structures.Item!, Entry: structures.Item! })).toThrow(/Item and Entry have the same structure/);
        expect(() => nameTypes(azle, { Item: structures.Item!, Failure: structures.Failure! })).toThrow(CandidNamingError);
        expect(() => nameTypes(azle, { item: structures.Item! })).toThrow(/not a type name/);
        expect(() => structureOf('Count', IDL.Nat)).toThrow(/only records and variants/);
    });
});
