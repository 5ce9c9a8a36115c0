import { Actor, HttpAgent, type ActorSubclass, type Identity } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { env } from '@/config/env';
import { idlFactory as marketplaceIdl, type _SERVICE as MarketplaceService } from '@declarations/marketplace';
import { idlFactory as ledgerIdl, type _SERVICE as LedgerService } from '@declarations/ledger';

export type { MarketplaceService, LedgerService };

export interface Actors {
    marketplace: ActorSubclass<MarketplaceService>;
    ledger: ActorSubclass<LedgerService>;
    agent: HttpAgent;
}

const rootKeyFetches = new WeakMap<HttpAgent, Promise<unknown>>();

/** The IC HTTP interface the app talks to: the configured host, or the page's own origin. */
export function icHost(): string | undefined {
    const e = env();
    return e.icHost === '' ? globalThis.location?.origin : e.icHost;
}

/** One agent per identity, its clock synced with the IC's before its first request; on a local network the replica's root key is fetched once. */
export async function createAgent(identity?: Identity): Promise<HttpAgent> {
    const e = env();
    const agent = HttpAgent.createSync({
        host: icHost(),
        identity,
        shouldFetchRootKey: false,
        // Ingress expiry and the trust proof's age are judged by the IC's time, not a skewed browser clock.
        shouldSyncTime: true,
        verifyQuerySignatures: e.network === 'ic'
    });
    if (e.network === 'local') {
        let p = rootKeyFetches.get(agent);
        if (p === undefined) {
            p = agent.fetchRootKey();
            rootKeyFetches.set(agent, p);
        }
        await p;
    }
    return agent;
}

export function createActors(agent: HttpAgent): Actors {
    const e = env();
    return {
        agent,
        marketplace: Actor.createActor<MarketplaceService>(marketplaceIdl as IDL.InterfaceFactory, {
            agent,
            canisterId: e.marketplaceCanisterId
        }),
        ledger: Actor.createActor<LedgerService>(ledgerIdl as IDL.InterfaceFactory, {
            agent,
            canisterId: e.ledgerCanisterId
        })
    };
}

let anonymous: Promise<Actors> | undefined;

/** Actors for public reads (no sign-in needed). */
export function anonymousActors(): Promise<Actors> {
    anonymous ??= createAgent().then(createActors);
    return anonymous;
}

/** For tests: drop cached actors. */
export function resetAnonymousActors(): void {
    anonymous = undefined;
}
