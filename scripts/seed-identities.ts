// Identities for seeding and tests. Users sign in through localnet's identity provider exactly as
// the browser does (a session key delegated to by the user's canister-signature key for the app's
// origin, as with Internet Identity), so a seeded provider "bob" is the same principal as "bob"
// signing in at the app.
import { Actor, HttpAgent, type ActorSubclass, type Identity } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { Delegation, DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { idlFactory as ledgerIdl, type _SERVICE as Ledger } from '../canisters/ledger/declarations';
import { idlFactory as marketIdl, type _SERVICE as Market } from '../canisters/marketplace/declarations';

export interface IdpDelegation {
    userPublicKey: string;
    principal: string;
    delegations: { delegation: { pubkey: string; expiration: string; targets?: string[] }; signature: string }[];
}

const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

/** Signs in `user` at `origin` through the local identity provider's JSON endpoint. */
export async function idpIdentity(localnetUrl: string, user: string, origin: string): Promise<DelegationIdentity> {
    const session = Ed25519KeyIdentity.generate();
    const res = await fetch(`${localnetUrl}/identity/api/delegation`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user, origin, sessionPublicKey: Buffer.from(session.getPublicKey().toDer()).toString('hex') })
    });
    if (!res.ok) throw new Error(`identity provider: ${res.status} ${await res.text()}`);
    const d = (await res.json()) as IdpDelegation;
    const chain = DelegationChain.fromDelegations(
        d.delegations.map((x) => ({
            delegation: new Delegation(hex(x.delegation.pubkey), BigInt(x.delegation.expiration), x.delegation.targets?.map((t) => Principal.fromText(t))),
            signature: hex(x.signature) as never
        })),
        hex(d.userPublicKey) as never
    );
    return DelegationIdentity.fromDelegation(session, chain);
}

export interface Actors {
    principal: Principal;
    market: ActorSubclass<Market>;
    ledger: ActorSubclass<Ledger>;
}

export async function actorsFor(localnetUrl: string, identity: Identity, ids: { marketplace: string; ledger: string }): Promise<Actors> {
    const agent = await HttpAgent.create({ host: localnetUrl, identity, shouldFetchRootKey: true });
    return {
        principal: await agent.getPrincipal(),
        market: Actor.createActor<Market>(marketIdl as IDL.InterfaceFactory, { agent, canisterId: ids.marketplace }),
        ledger: Actor.createActor<Ledger>(ledgerIdl as IDL.InterfaceFactory, { agent, canisterId: ids.ledger })
    };
}

/** Unwraps a Candid Result or throws with the variant. */
export function ok<T>(r: { Ok: T } | { Err: unknown }, what: string): T {
    if ('Ok' in r) return r.Ok;
    throw new Error(`${what}: ${JSON.stringify(r.Err, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`);
}
