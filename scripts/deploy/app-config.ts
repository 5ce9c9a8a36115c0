// The app's runtime configuration (`/config.json`, read by frontend/src/config/env.ts) rendered from
// a deployment: canister ids and the network's settings. icp-cli's sync step (sync-assets.ts) and
// the dfx recipe (`npx tsx scripts/deploy/app-config.ts --dfx ic frontend/dist`)
// both write it, so one build of the app runs against any network.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Internet Identity's canonical URL (identity.ic0.app forwards to it). */
export const INTERNET_IDENTITY_URL = 'https://id.ai';
/** The ICP ledger on mainnet: the token the marketplace settles in there unless configured otherwise. */
export const MAINNET_ICP_LEDGER = 'ryjl3-tyaaa-aaaaa-aaaba-cai';

export interface Deployment {
    network: 'local' | 'ic';
    /** Canister ids by name (marketplace, ledger, frontend…). */
    canisterIds: Record<string, string>;
    /** The IC HTTP interface (local: localnet's URL; ic: empty = the page's own origin, the boundary nodes). */
    icHost?: string;
    /** A custom domain's origin (https://app.example.com): sign-in derives principals from the canister's origin. */
    customDomain?: string;
    identityProviderUrl?: string;
    relayUrl?: string;
}

export function renderAppConfig(d: Deployment): Record<string, unknown> {
    const marketplace = d.canisterIds.marketplace;
    if (!marketplace) throw new Error('renderAppConfig: no marketplace canister id');
    const ledger = d.canisterIds.ledger ?? (d.network === 'ic' ? MAINNET_ICP_LEDGER : undefined);
    if (!ledger) throw new Error('renderAppConfig: no ledger canister id');
    const frontend = d.canisterIds.frontend;
    const config: Record<string, unknown> = {
        network: d.network,
        icHost: d.icHost ?? '',
        marketplaceCanisterId: marketplace,
        ledgerCanisterId: ledger,
        identityProviderUrl: d.identityProviderUrl ?? (d.network === 'ic' ? INTERNET_IDENTITY_URL : `${d.icHost ?? ''}/identity`)
    };
    // With a custom domain, principals stay those of the canister's own origin (II's derivationOrigin).
    if (d.customDomain && frontend) config.derivationOrigin = `https://${frontend}.icp0.io`;
    if (d.relayUrl) config.relayUrl = d.relayUrl;
    return config;
}

export const ALTERNATIVE_ORIGINS_PATH = '.well-known/ii-alternative-origins';

/** `/.well-known/ii-alternative-origins` for a custom domain: the origins II accepts for the canister's derivation origin. */
export function alternativeOrigins(customDomain: string): { alternativeOrigins: string[] } {
    const origin = new URL(customDomain).origin;
    return { alternativeOrigins: [origin] };
}

/** Canister ids as dfx writes them: `canister_ids.json` (ic) or `.dfx/<network>/canister_ids.json`. */
export function dfxCanisterIds(root: string, network: string): Record<string, string> {
    const file = network === 'ic' ? join(root, 'canister_ids.json') : join(root, '.dfx', network, 'canister_ids.json');
    if (!existsSync(file)) throw new Error(`no ${file}: deploy with dfx first`);
    const ids = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
    return Object.fromEntries(Object.entries(ids).flatMap(([name, byNet]) => (byNet[network] ? [[name, byNet[network]!]] : [])));
}

if (import.meta.url === `file://${process.argv[1]}`) {
    // `--dfx [ic|local] [<dist dir>]`: the network defaults to $DFX_NETWORK (set by dfx for build steps).
    const [flag, ...rest] = process.argv.slice(2);
    const network = rest[0] === 'ic' || rest[0] === 'local' ? rest.shift()! : (process.env.DFX_NETWORK ?? 'ic');
    if (flag !== '--dfx' || (network !== 'ic' && network !== 'local')) {
        console.error('usage: tsx scripts/deploy/app-config.ts --dfx [ic|local] [<dist dir>]  (env APP_CUSTOM_DOMAIN, APP_RELAY_URL, APP_IC_HOST)');
        process.exit(2);
    }
    const root = resolve(new URL('../..', import.meta.url).pathname);
    const config = renderAppConfig({
        network,
        canisterIds: dfxCanisterIds(root, network),
        icHost: process.env.APP_IC_HOST,
        customDomain: process.env.APP_CUSTOM_DOMAIN,
        relayUrl: process.env.APP_RELAY_URL
    });
    const out = rest[0];
    if (out === undefined) process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
    else {
        writeFileSync(join(out, 'config.json'), JSON.stringify(config, null, 2));
        if (process.env.APP_CUSTOM_DOMAIN) {
            mkdirSync(join(out, '.well-known'), { recursive: true });
            writeFileSync(join(out, ALTERNATIVE_ORIGINS_PATH), JSON.stringify(alternativeOrigins(process.env.APP_CUSTOM_DOMAIN)));
        }
        console.error(`wrote ${join(out, 'config.json')}${process.env.APP_CUSTOM_DOMAIN ? ` and ${ALTERNATIVE_ORIGINS_PATH}` : ''}`);
    }
}
