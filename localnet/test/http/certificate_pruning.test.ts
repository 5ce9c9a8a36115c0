// read_state certificates are witnesses of the IC state: what was asked, with proofs of absence,
// and everything else pruned, so that agent-js's lookups tell Absent from Unknown (found by
// agent-js's e2e suite: a lookup of a path not asked for reported Absent).
import { randomBytes } from 'node:crypto';

import { Certificate, LookupPathStatus, type HttpAgent } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import binaryen from 'binaryen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalCertifier } from '../../src/crypto/certificate.js';
import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { LocalIcImpl } from '../../src/ic/local_ic.js';
import { startLocalnetServer, type LocalnetServer } from '../../src/server/server.js';
import { agentFor } from './helpers.js';

const MODULE = (() => {
    const m = binaryen.parseText(`(module (memory (export "memory") 1))`);
    const bytes = new Uint8Array(m.emitBinary());
    m.dispose();
    return bytes;
})();

let server: LocalnetServer;
let ic: LocalIcImpl;
let agent: HttpAgent;
let installed: Principal;
let empty: Principal;

beforeAll(async () => {
    const keys = deriveDevKeys();
    ic = new LocalIcImpl({ clock: 'wall', certifier: new LocalCertifier(keys) });
    installed = ic.createCanisterNow([Principal.anonymous()], 0n).id;
    ic.installCode(ic.canister(installed)!, Principal.anonymous(), 'install', MODULE, new Uint8Array(0));
    empty = ic.createCanisterNow([Principal.anonymous()], 0n).id;
    server = await startLocalnetServer({ ic, keys, port: 0, identityProvider: false });
    agent = await agentFor(server.url);
});
afterAll(async () => {
    await server.close();
});

type P = (string | Uint8Array)[];
const enc = (p: P): Uint8Array[] => p.map((l) => (typeof l === 'string' ? new TextEncoder().encode(l) : l));

async function certificateOf(canisterId: Principal, paths: P[]): Promise<Certificate> {
    const { certificate } = await agent.readState(canisterId, { paths: paths.map(enc) });
    return Certificate.create({ certificate, rootKey: agent.rootKey!, canisterId });
}

/** agent-js's lookup (the one apps use). */
const status = (cert: Certificate, path: P): string => cert.lookup_path(enc(path)).status;

/**
 * The interface specification's lookup, with byte-wise lexicographic label order. agent-js's own
 * comparison is not lexicographic (any greater byte counts), so it misjudges labels such as
 * `request_status` < `time`; the tests use it only where it orders labels right.
 */
function specStatus(cert: Certificate, path: P): string {
    type T = [number, ...unknown[]];
    const cmp = (a: Uint8Array, b: Uint8Array): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
    const find = (label: Uint8Array, t: T): { s: 'found'; v: T } | { s: 'absent' | 'unknown' | 'less' | 'greater' } => {
        if (t[0] === 2) {
            const c = cmp(label, t[1] as Uint8Array);
            return c === 0 ? { s: 'found', v: t[2] as T } : c > 0 ? { s: 'greater' } : { s: 'less' };
        }
        if (t[0] === 4) return { s: 'unknown' };
        if (t[0] !== 1) return { s: 'absent' };
        const left = find(label, t[1] as T);
        if (left.s !== 'greater' && left.s !== 'unknown') return left;
        const right = find(label, t[2] as T);
        if (right.s === 'less') return { s: left.s === 'unknown' ? 'unknown' : 'absent' };
        return right;
    };
    let t = (cert as unknown as { cert: { tree: T } }).cert.tree;
    for (const label of enc(path)) {
        const r = find(label, t);
        if (r.s === 'unknown') return LookupPathStatus.Unknown;
        if (r.s !== 'found') return LookupPathStatus.Absent;
        t = r.v;
    }
    return t[0] === 3 ? LookupPathStatus.Found : t[0] === 4 ? LookupPathStatus.Unknown : LookupPathStatus.Absent;
}

describe('read_state certificates with pruned branches', () => {
    it('asking only for time: request statuses and canisters are Unknown, not Absent', async () => {
        const cert = await certificateOf(installed, [['time']]);
        expect(status(cert, ['time'])).toBe(LookupPathStatus.Found);
        expect(status(cert, ['Time'])).toBe(LookupPathStatus.Unknown); // agent-js's e2e read_state test
        expect(specStatus(cert, ['request_status', randomBytes(32), 'status'])).toBe(LookupPathStatus.Unknown);
        expect(specStatus(cert, ['canister', installed.toUint8Array(), 'controllers'])).toBe(LookupPathStatus.Unknown);
        expect(specStatus(cert, ['subnet'])).toBe(LookupPathStatus.Unknown);
    });

    it("a canister's controllers: its other fields and other canisters are Unknown", async () => {
        const cert = await certificateOf(installed, [['canister', installed.toUint8Array(), 'controllers']]);
        expect(status(cert, ['canister', installed.toUint8Array(), 'controllers'])).toBe(LookupPathStatus.Found);
        expect(status(cert, ['canister', installed.toUint8Array(), 'module_hash'])).toBe(LookupPathStatus.Unknown);
        expect(specStatus(cert, ['canister', installed.toUint8Array(), 'module_hash'])).toBe(LookupPathStatus.Unknown);
        expect(specStatus(cert, ['canister', empty.toUint8Array(), 'controllers'])).toBe(LookupPathStatus.Unknown);
    });

    it('what does not exist is provably Absent: module of an empty canister, unknown request, missing metadata', async () => {
        expect(status(await certificateOf(empty, [['canister', empty.toUint8Array(), 'module_hash']]), ['canister', empty.toUint8Array(), 'module_hash'])).toBe(
            LookupPathStatus.Absent
        );
        const rid = randomBytes(32);
        const ridCert = await certificateOf(installed, [['request_status', rid]]);
        expect(status(ridCert, ['request_status', rid, 'status'])).toBe(LookupPathStatus.Absent);
        expect(specStatus(ridCert, ['request_status', rid, 'status'])).toBe(LookupPathStatus.Absent);
        const meta = ['canister', installed.toUint8Array(), 'metadata', 'candid:service'];
        expect(status(await certificateOf(installed, [meta]), meta)).toBe(LookupPathStatus.Absent);
        expect(specStatus(await certificateOf(installed, [meta]), meta)).toBe(LookupPathStatus.Absent);
    });

    it('request statuses: a known one is found, one between known ids is provably absent', async () => {
        const rid = (b: number): Uint8Array => new Uint8Array(32).fill(b);
        for (const b of [0x10, 0x20, 0x30]) ic.submitIngress({ sender: Principal.anonymous(), canisterId: installed, methodName: 'none', arg: new Uint8Array(0) }, rid(b));
        ic.tick();
        const cert = await certificateOf(installed, [['request_status', rid(0x20)], ['request_status', rid(0x25)]]);
        expect(specStatus(cert, ['request_status', rid(0x20), 'status'])).toBe(LookupPathStatus.Found);
        expect(specStatus(cert, ['request_status', rid(0x25), 'status'])).toBe(LookupPathStatus.Absent);
        expect(specStatus(cert, ['request_status', rid(0x10), 'status'])).toBe(LookupPathStatus.Unknown);
    });

    it('an installed module hash is found and matches the module', async () => {
        const cert = await certificateOf(installed, [['canister', installed.toUint8Array(), 'module_hash']]);
        const found = cert.lookup_path(enc(['canister', installed.toUint8Array(), 'module_hash']));
        expect(found.status).toBe(LookupPathStatus.Found);
        expect(Buffer.from((found as { value: Uint8Array }).value).equals(Buffer.from(ic.canisterInfo(installed)!.moduleHash!))).toBe(true);
    });

    it('a data certificate certifies only its canister: other canisters are Unknown', async () => {
        const certifier = new LocalCertifier(deriveDevKeys());
        const bytes = certifier.dataCertificate(installed, new Uint8Array([1, 2, 3]), BigInt(Date.now()) * 1_000_000n);
        const cert = await Certificate.create({ certificate: bytes, rootKey: agent.rootKey!, canisterId: installed });
        expect(status(cert, ['canister', installed.toUint8Array(), 'certified_data'])).toBe(LookupPathStatus.Found);
        expect(specStatus(cert, ['canister', empty.toUint8Array(), 'certified_data'])).toBe(LookupPathStatus.Unknown);
        expect(specStatus(cert, ['request_status', randomBytes(32)])).toBe(LookupPathStatus.Unknown);
    });
});

describe('GET /_/topology (PocketIC form, read by agent-js e2e tests)', () => {
    it('names the default effective canister id inside the subnet range; read_state on it works', async () => {
        const t = (await (await fetch(`${server.url}/_/topology`)).json()) as {
            subnet_configs: Record<string, { subnet_kind: string; canister_ranges: { start: { canister_id: string }; end: { canister_id: string } }[] }>;
            default_effective_canister_id: { canister_id: string };
        };
        const id = Principal.fromUint8Array(Buffer.from(t.default_effective_canister_id.canister_id, 'base64'));
        expect(id.toText()).toBe('lxzze-o7777-77777-aaaaa-cai');
        const [subnet, config] = Object.entries(t.subnet_configs)[0]!;
        expect(subnet).toBe(deriveDevKeys().subnetId.toText());
        expect(config.subnet_kind).toBe('Application');
        const range = config.canister_ranges[0]!;
        const p = (x: { canister_id: string }): Principal => Principal.fromUint8Array(Buffer.from(x.canister_id, 'base64'));
        expect(id.gtEq(p(range.start)) && id.ltEq(p(range.end))).toBe(true);
        const cert = await certificateOf(id, [['time']]);
        expect(status(cert, ['Time'])).toBe(LookupPathStatus.Unknown);
    });
});
