// Deploys canisters to localnet the way dfx does: management-canister calls over the IC HTTP
// interface, signed by a local controller identity. Fixed canister ids (dfx's first local ids),
// so the frontend configuration and open browser tabs stay valid across restarts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Actor, HttpAgent, type Identity } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { managementIdlFactory as mgmtIdl } from '@trustcloud/localnet';

export const CANISTER_IDS = {
    ledger: 'bkyz2-fmaaa-aaaaa-qaaaq-cai',
    marketplace: 'bd3sg-teaaa-aaaaa-qaaba-cai',
    /** The local ICPay canister (index 16 of localnet's range: clear of the ids other canisters take next). */
    icpay: 'c5kvi-uuaaa-aaaaa-qaaia-cai',
    /** A second local ledger (ckUSDC, 6 decimals): index 17, next to ICPay's. */
    ckusdc: 'c2lt4-zmaaa-aaaaa-qaaiq-cai'
} as const;

/** A deterministic development identity (like dfx's default identity, but derived from a name). */
export function devIdentity(name: string): Ed25519KeyIdentity {
    const seed = createHash('sha256').update(`trustcloud-dev-identity:${name}`).digest();
    return Ed25519KeyIdentity.generate(new Uint8Array(seed));
}


interface Mgmt {
    provisional_create_canister_with_cycles(a: unknown): Promise<{ canister_id: Principal }>;
    install_code(a: unknown): Promise<void>;
}

export async function agentFor(url: string, identity?: Identity): Promise<HttpAgent> {
    return HttpAgent.create({ host: url, shouldFetchRootKey: true, identity });
}

export interface DeployTarget {
    name: string;
    canisterId: string;
    wasmPath: string;
    /** Candid-encoded init (and post-upgrade) argument. */
    arg: Uint8Array;
}

export type DeployOutcome = 'installed' | 'upgraded' | 'unchanged';

/**
 * Creates the canister if missing, installs it, or upgrades it when the module changed.
 * `currentHash` is the installed module's sha256 (from localnet), or undefined if none.
 */
export async function deployCanister(agent: HttpAgent, t: DeployTarget, exists: boolean, currentHash: Uint8Array | null | undefined): Promise<DeployOutcome> {
    const wasm = readFileSync(t.wasmPath);
    const hash = createHash('sha256').update(wasm).digest();
    const id = Principal.fromText(t.canisterId);
    const mgmt = (effective: Principal) =>
        Actor.createActor(mgmtIdl, { agent, canisterId: Principal.managementCanister(), effectiveCanisterId: effective }) as unknown as Mgmt;
    if (!exists) {
        await mgmt(id).provisional_create_canister_with_cycles({
            settings: [{ controllers: [[await agent.getPrincipal()]] }],
            specified_id: [id],
            amount: [100_000_000_000_000n],
            sender_canister_version: []
        });
    }
    if (exists && currentHash && Buffer.from(currentHash).equals(hash)) return 'unchanged';
    const mode = exists && currentHash ? { upgrade: [] } : { install: null };
    await mgmt(id).install_code({
        arg: t.arg,
        wasm_module: new Uint8Array(gzipSync(wasm)),
        mode,
        canister_id: id,
        sender_canister_version: []
    });
    return 'upgraded' in mode || 'upgrade' in mode ? 'upgraded' : 'installed';
}

/**
 * Encodes init arguments; record fields the caller did not set get their empty value when the
 * type allows one (`opt` → none, `vec` → empty), so a canister adding an optional init field does
 * not break deployment.
 */
export function encodeInit(init: (a: { IDL: typeof IDL }) => IDL.Type[], values: unknown[]): Uint8Array {
    const types = init({ IDL });
    return new Uint8Array(IDL.encode(types, values.map((v, i) => withDefaults(types[i]!, v))));
}

function withDefaults(t: IDL.Type, v: unknown): unknown {
    if (t instanceof IDL.RecClass) {
        const inner = (t as unknown as { _type?: IDL.Type })._type;
        return inner ? withDefaults(inner, v) : v;
    }
    if (t instanceof IDL.OptClass) {
        const inner = (t as unknown as { _type: IDL.Type })._type;
        return Array.isArray(v) && v.length === 1 ? [withDefaults(inner, v[0])] : v;
    }
    if (t instanceof IDL.RecordClass && !(t instanceof IDL.TupleClass) && v !== null && typeof v === 'object') {
        const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
        for (const [name, ft] of (t as unknown as { _fields: [string, IDL.Type][] })._fields) {
            if (out[name] === undefined) {
                if (ft instanceof IDL.OptClass || ft instanceof IDL.VecClass) out[name] = [];
                else continue;
            } else out[name] = withDefaults(ft, out[name]);
        }
        return out;
    }
    return v;
}
