import { z } from 'zod';

/**
 * Runtime configuration, checked once at start-up. Values come from (in order of precedence)
 * `/config.json` served next to the app (written by `npm start` or the deploy step, so one build
 * runs against any network), then `VITE_*` build-time variables, then defaults for mainnet.
 */
const principalText = z.string().regex(/^[a-z0-9]{5}(-[a-z0-9]{1,5})+$/, 'expected a principal');
const optionalUrl = z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined));

export const envSchema = z.object({
    /** `local` fetches the root key of the replica; `ic` trusts the hard-coded mainnet key. */
    network: z.enum(['local', 'ic']).default('ic'),
    /** Base URL for the IC HTTP interface; empty means the page's own origin (proxied `/api`). */
    icHost: z.string().default(''),
    marketplaceCanisterId: principalText,
    ledgerCanisterId: principalText,
    /** Internet Identity, or the local identity provider page served by localnet. */
    identityProviderUrl: z.string().url().default('https://id.ai'),
    derivationOrigin: optionalUrl,
    /** Relay base URL: Chatwoot identity hashes and ICPay intents go through it. */
    relayUrl: optionalUrl,
    icpayPublishableKey: z.string().optional(),
    icpayApiUrl: optionalUrl,
    chatwootBaseUrl: optionalUrl,
    chatwootWebsiteToken: z.string().optional(),
    /** Session key type for sign-in: ECDSA (non-extractable WebCrypto key, the default) or Ed25519. */
    sessionKeyType: z.enum(['ECDSA', 'Ed25519']).default('ECDSA'),
    /** Local development deployment (set by `npm start`); reserved for development-only UI. */
    devTools: z.boolean().default(false)
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
    override name = 'ConfigError';
    constructor(public readonly issues: string[]) {
        super(`Invalid configuration:\n${issues.join('\n')}`);
    }
}

function fromViteEnv(): Record<string, unknown> {
    const e = import.meta.env;
    const pick = (k: string): string | undefined => {
        const v = e[k] as string | undefined;
        return v === undefined || v === '' ? undefined : v;
    };
    return {
        network: pick('VITE_NETWORK'),
        icHost: pick('VITE_IC_HOST'),
        marketplaceCanisterId: pick('VITE_MARKETPLACE_CANISTER_ID') ?? pick('VITE_CANISTER_ID_MARKETPLACE'),
        ledgerCanisterId: pick('VITE_LEDGER_CANISTER_ID') ?? pick('VITE_CANISTER_ID_LEDGER'),
        identityProviderUrl: pick('VITE_IDENTITY_PROVIDER_URL'),
        derivationOrigin: pick('VITE_DERIVATION_ORIGIN'),
        relayUrl: pick('VITE_RELAY_URL'),
        icpayPublishableKey: pick('VITE_ICPAY_PUBLISHABLE_KEY'),
        icpayApiUrl: pick('VITE_ICPAY_API_URL'),
        chatwootBaseUrl: pick('VITE_CHATWOOT_BASE_URL'),
        chatwootWebsiteToken: pick('VITE_CHATWOOT_WEBSITE_TOKEN'),
        devTools: pick('VITE_DEV_TOOLS') === 'true' ? true : undefined
    };
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}

export function parseEnv(...sources: Record<string, unknown>[]): Env {
    const merged = Object.assign({}, ...sources.map(dropUndefined));
    const result = envSchema.safeParse(merged);
    if (!result.success) {
        throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    }
    return result.data;
}

let current: Env | undefined;

/** Loads `/config.json` (optional) and validates everything. Call once before rendering. */
export async function loadEnv(fetchImpl: typeof fetch = fetch): Promise<Env> {
    let runtime: Record<string, unknown> = {};
    try {
        const res = await fetchImpl('/config.json', { cache: 'no-store' });
        if (res.ok && (res.headers.get('content-type') ?? '').includes('json')) {
            runtime = (await res.json()) as Record<string, unknown>;
        }
    } catch {
        // No runtime config: build-time values only.
    }
    current = parseEnv(fromViteEnv(), runtime);
    return current;
}

export function setEnv(env: Env): void {
    current = env;
}

export function env(): Env {
    if (current === undefined) throw new Error('configuration not loaded: call loadEnv() first');
    return current;
}
