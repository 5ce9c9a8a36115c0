// The local identity provider, served at `/identity`: an HTML page speaking Internet Identity's
// window-message protocol, plus a JSON endpoint that signs delegations with per-user Ed25519 keys.
// Development only: anyone who can reach the server can sign in as any test user.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Principal } from '@dfinity/principal';
import { BadRequest, HttpError, NotFound } from '../http/errors.js';
import { PAGE_HTML } from './page.js';
import { signDelegation, userKey } from './keys.js';

export const IDENTITY_PATH = '/identity';
const DEFAULT_TTL_NS = 8n * 3600n * 1_000_000_000n;
const MAX_TTL_NS = 30n * 24n * 3600n * 1_000_000_000n;
const USER_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export interface IdpResponse {
    status: number;
    contentType: string;
    body: string;
}

export interface DelegationRequest {
    user: string;
    /** Hex DER of the session key. */
    sessionPublicKey: string;
    /** Decimal nanoseconds. */
    maxTimeToLive?: string;
    /** The frontend origin (or the derivationOrigin) the principal is derived for. */
    origin: string;
    targets?: string[];
}

export interface DelegationResponse {
    userPublicKey: string;
    principal: string;
    delegations: { delegation: { pubkey: string; expiration: string; targets?: string[] }; signature: string }[];
}

const json = (status: number, v: unknown): IdpResponse => ({ status, contentType: 'application/json', body: JSON.stringify(v) });

export class IdentityProvider {
    readonly #users = new Set<string>(['alice', 'bob', 'carol']);
    readonly #seed: string | undefined;
    readonly #usersFile: string | undefined;

    /** `usersFile`: a JSON list of user names kept across restarts (keys derive from the names). */
    constructor(options: { seed?: string; users?: string[]; usersFile?: string } = {}) {
        this.#seed = options.seed;
        this.#usersFile = options.usersFile;
        for (const u of options.users ?? []) this.#users.add(u);
        if (this.#usersFile !== undefined && existsSync(this.#usersFile)) {
            try {
                const saved: unknown = JSON.parse(readFileSync(this.#usersFile, 'utf8'));
                if (Array.isArray(saved)) for (const u of saved) if (typeof u === 'string' && USER_NAME.test(u)) this.#users.add(u);
            } catch {
                // a damaged list only loses names, never keys
            }
        }
    }

    #addUser(user: string): void {
        if (this.#users.has(user)) return;
        this.#users.add(user);
        if (this.#usersFile === undefined) return;
        try {
            mkdirSync(dirname(this.#usersFile), { recursive: true });
            writeFileSync(this.#usersFile, JSON.stringify(this.users()));
        } catch {
            // listing is a convenience: signing works without it
        }
    }

    matches(path: string): boolean {
        return path === IDENTITY_PATH || path.startsWith(`${IDENTITY_PATH}/`);
    }

    users(): string[] {
        return [...this.#users].sort();
    }

    /** Signs a one-step delegation from the user's key to the session key. */
    delegate(req: DelegationRequest, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): DelegationResponse {
        if (!USER_NAME.test(req.user)) throw new BadRequest('User names are 1-64 characters of A-Z a-z 0-9 _ . -');
        if (!/^([0-9a-f]{2})+$/i.test(req.sessionPublicKey)) throw new BadRequest('sessionPublicKey must be hex');
        if (typeof req.origin !== 'string' || req.origin.length === 0) throw new BadRequest('origin is required');
        let ttl = DEFAULT_TTL_NS;
        if (req.maxTimeToLive !== undefined) {
            if (!/^[0-9]+$/.test(req.maxTimeToLive)) throw new BadRequest('maxTimeToLive must be decimal nanoseconds');
            ttl = BigInt(req.maxTimeToLive);
        }
        if (ttl > MAX_TTL_NS) ttl = MAX_TTL_NS;
        let targets: Principal[] | undefined;
        try {
            targets = req.targets?.map(t => Principal.fromText(t));
        } catch {
            throw new BadRequest('targets must be principal texts');
        }
        this.#addUser(req.user);
        const key = userKey(req.user, req.origin, this.#seed);
        const pubkey = new Uint8Array(Buffer.from(req.sessionPublicKey, 'hex'));
        const expiration = nowNs + ttl;
        const signature = signDelegation(key, { pubkey, expiration, ...(targets ? { targets } : {}) });
        return {
            userPublicKey: Buffer.from(key.publicKeyDer).toString('hex'),
            principal: key.principal.toText(),
            delegations: [
                {
                    delegation: {
                        pubkey: req.sessionPublicKey,
                        expiration: expiration.toString(),
                        ...(targets ? { targets: targets.map(t => t.toText()) } : {})
                    },
                    signature: Buffer.from(signature).toString('hex')
                }
            ]
        };
    }

    handle(method: string, path: string, body: Uint8Array, _selfOrigin: string): IdpResponse {
        if ((path === IDENTITY_PATH || path === `${IDENTITY_PATH}/`) && method === 'GET') {
            return { status: 200, contentType: 'text/html; charset=utf-8', body: PAGE_HTML };
        }
        if (path === `${IDENTITY_PATH}/api/users` && method === 'GET') return json(200, { users: this.users() });
        if (path === `${IDENTITY_PATH}/api/delegation` && method === 'POST') {
            let req: DelegationRequest;
            try {
                req = JSON.parse(Buffer.from(body).toString('utf8')) as DelegationRequest;
            } catch {
                throw new BadRequest('Body must be JSON');
            }
            if (typeof req !== 'object' || req === null || typeof req.user !== 'string' || typeof req.sessionPublicKey !== 'string') {
                throw new BadRequest('Expected {user, sessionPublicKey, maxTimeToLive?, origin, targets?}');
            }
            return json(200, this.delegate(req));
        }
        if (method !== 'GET' && method !== 'POST') throw new HttpError(405, 'Method not allowed');
        throw new NotFound(`Not found: ${path}`);
    }
}
