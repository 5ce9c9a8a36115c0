import { anonymousActors } from '@/lib/agent';
import { allPages } from '@/lib/pages';

/** Provider names by principal (all pages). */
export async function getProviderNames(): Promise<Map<string, string>> {
    const { marketplace } = await anonymousActors();
    const providers = await allPages((cursor) => marketplace.listProviders(cursor, 100));
    return new Map(providers.map((p) => [p.id.toText(), p.name]));
}
