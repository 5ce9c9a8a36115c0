import type { Principal } from '@dfinity/principal';
import { anonymousActors } from '@/lib/agent';

/** What one getProviders call may ask for (the canister's PROVIDERS_PER_CALL). */
const PER_CALL = 100;

/**
 * The names of just these providers (those on a page), by principal: the work grows with the page,
 * not with every provider ever registered (registering is free).
 */
export async function getProviderNames(providers: Principal[]): Promise<Map<string, string>> {
    const unique = [...new Map(providers.map((p) => [p.toText(), p])).values()];
    const { marketplace } = await anonymousActors();
    const names = new Map<string, string>();
    for (let i = 0; i < unique.length; i += PER_CALL) {
        const r = await marketplace.getProviders(unique.slice(i, i + PER_CALL));
        if ('Err' in r) throw new Error(`getProviders: ${JSON.stringify(r.Err)}`);
        for (const [p] of r.Ok) if (p !== undefined) names.set(p.id.toText(), p.name);
    }
    return names;
}
