// Shared helpers for the HTTP tests: raw CBOR posts and agent construction.
import { Cbor, HttpAgent, Actor, type ActorSubclass, type Identity, AgentError } from '@dfinity/agent';
import { fakeIdl, FAKE_CANISTER } from './fake_ic.js';
import type { Principal } from '@dfinity/principal';

export async function agentFor(url: string, identity?: Identity, extra: Record<string, unknown> = {}): Promise<HttpAgent> {
    return HttpAgent.create({ host: url, shouldFetchRootKey: true, ...(identity ? { identity } : {}), ...extra });
}

export type FakeActor = ActorSubclass<{
    greet(name: string): Promise<string>;
    whoami(): Promise<Principal>;
    whoamiQuery(): Promise<Principal>;
    inc(): Promise<bigint>;
    counter(): Promise<bigint>;
    trap(): Promise<void>;
    trapQuery(): Promise<string>;
    echo(bytes: Uint8Array): Promise<bigint>;
}>;

export function fakeActor(agent: HttpAgent, canisterId: Principal = FAKE_CANISTER): FakeActor {
    return Actor.createActor(fakeIdl, { agent, canisterId }) as FakeActor;
}

export async function post(url: string, body: Uint8Array | string): Promise<{ status: number; text: string; bytes: Uint8Array }> {
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/cbor' }, body: typeof body === 'string' ? body : Buffer.from(body) });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, text: Buffer.from(bytes).toString('utf8'), bytes };
}

export function decodeCbor<T>(bytes: Uint8Array): T {
    return Cbor.decode(bytes) as T;
}

/** The agent error's reject code (certified or not), or undefined. */
export function rejectCodeOf(e: unknown): number | undefined {
    if (e instanceof AgentError) return (e.code as unknown as { rejectCode?: number }).rejectCode;
    return undefined;
}

export async function caught(p: Promise<unknown>): Promise<unknown> {
    try {
        await p;
    } catch (e) {
        return e;
    }
    throw new Error('expected a rejection');
}
