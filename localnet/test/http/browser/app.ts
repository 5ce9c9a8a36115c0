// A minimal browser app for the end-to-end identity provider test: AuthClient.login against the
// local identity provider, then an update and a query with the delegated identity.
import { Actor, HttpAgent } from '@dfinity/agent';
import { AuthClient } from '@dfinity/auth-client';
import type { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

const idl: IDL.InterfaceFactory = ({ IDL: I }) =>
    I.Service({ whoami: I.Func([], [I.Principal], []), whoamiQuery: I.Func([], [I.Principal], ['query']) });

const params = new URLSearchParams(location.search);
const host = params.get('ic') as string;
const canisterId = params.get('canister') as string;
const derivationOrigin = params.get('derivation') ?? undefined;
const out = document.getElementById('out') as HTMLElement;

(document.getElementById('login') as HTMLButtonElement).onclick = async () => {
    try {
        const client = await AuthClient.create();
        await new Promise<void>((resolve, reject) =>
            client.login({ identityProvider: `${host}/identity`, derivationOrigin, onSuccess: () => resolve(), onError: e => reject(new Error(e)) })
        );
        const identity = client.getIdentity();
        const agent = await HttpAgent.create({ host, shouldFetchRootKey: true, identity });
        const actor = Actor.createActor(idl, { agent, canisterId }) as unknown as { whoami(): Promise<Principal>; whoamiQuery(): Promise<Principal> };
        const who = await actor.whoami();
        const whoQuery = await actor.whoamiQuery();
        out.textContent = JSON.stringify({ principal: identity.getPrincipal().toText(), who: who.toText(), whoQuery: whoQuery.toText(), authenticated: await client.isAuthenticated() });
    } catch (e) {
        out.textContent = JSON.stringify({ error: String(e) });
    }
};
