// The local identity provider, served at `/identity`: an HTML page speaking Internet Identity's
// window-message protocol, plus a JSON endpoint that issues what II issues: a delegation from the
// user's canister-signature key to the session key, signed through the certified data of the
// identity canister on this IC. Development only: anyone who can reach it can sign in as any user.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Principal } from '@dfinity/principal';
import { encodeCanisterSignature } from '../crypto/canister_sig.js';
import { BadRequest, HttpError, NotFound } from '../http/errors.js';
import type { LocalIc } from '../types.js';
import { isOrigin, validateDerivationOrigin } from './derivation_origin.js';
import { IdentityCanister } from './identity_canister.js';
import { PAGE_HTML } from './page.js';
import { delegationMessage, userKey } from './keys.js';
import { SignatureMap } from './signatures.js';

export const IDENTITY_PATH = '/identity';
const DEFAULT_TTL_NS = 30n * 60n * 1_000_000_000n;
const MAX_TTL_NS = 30n * 24n * 3600n * 1_000_000_000n;
const USER_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_TARGETS = 1_000;
/** Listed (and saved) user names; beyond this, new users still sign in but are not listed. */
const MAX_LISTED_USERS = 1_000;

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
    /** The origin of the application asking (the page takes it from the window message). */
    origin: string;
    /** Principals of this origin instead, if it lists `origin` in its ii-alternative-origins. */
    derivationOrigin?: string;
    targets?: string[];
}

export interface DelegationResponse {
    userPublicKey: string;
    principal: string;
    delegations: { delegation: { pubkey: string; expiration: string; targets?: string[] }; signature: string }[];
}

const json = (status: number, v: unknown): IdpResponse => ({ status, contentType: 'application/json', body: JSON.stringify(v) });

export interface IdentityProviderOptions {
    /** The IC that hosts the identity canister (and verifies its signatures on ingress). */
    ic: LocalIc;
    /** Salt of the users' seeds. */
    salt?: string;
    users?: string[];
    /** A JSON list of user names kept across restarts (keys derive from the names). */
    usersFile?: string;
    /** For the ii-alternative-origins look-up. */
    fetch?: typeof fetch;
    now?: () => number;
}

export class IdentityProvider {
    readonly #users = new Set<string>(['alice', 'bob', 'carol']);
    readonly #o: IdentityProviderOptions;
    readonly #canister: IdentityCanister;
    readonly #signatures = new SignatureMap();

    constructor(options: IdentityProviderOptions) {
        this.#o = options;
        this.#canister = new IdentityCanister(options.ic);
        for (const u of options.users ?? []) this.#users.add(u);
        const file = options.usersFile;
        if (file !== undefined && existsSync(file)) {
            try {
                const saved: unknown = JSON.parse(readFileSync(file, 'utf8'));
                if (Array.isArray(saved)) for (const u of saved) if (typeof u === 'string' && USER_NAME.test(u)) this.#users.add(u);
            } catch {
                // a damaged list only loses names, never keys
            }
        }
    }

    get canisterId(): Principal {
        return this.#canister.id;
    }

    #addUser(user: string): void {
        if (this.#users.has(user) || this.#users.size >= MAX_LISTED_USERS) return;
        this.#users.add(user);
        const file = this.#o.usersFile;
        if (file === undefined) return;
        try {
            mkdirSync(dirname(file), { recursive: true });
            writeFileSync(file, JSON.stringify(this.users()));
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

    /** Signs a one-step delegation from the user's canister-signature key to the session key. */
    async delegate(req: DelegationRequest): Promise<DelegationResponse> {
        const nowMs = this.#o.now?.() ?? Date.now();
        if (!USER_NAME.test(req.user)) throw new BadRequest('User names are 1-64 characters of A-Z a-z 0-9 _ . -');
        if (!/^([0-9a-f]{2}){1,512}$/i.test(req.sessionPublicKey)) throw new BadRequest('sessionPublicKey must be hex DER');
        if (typeof req.origin !== 'string' || !isOrigin(req.origin)) throw new BadRequest('origin must be the origin of the application');
        if (req.derivationOrigin !== undefined && typeof req.derivationOrigin !== 'string') throw new BadRequest('derivationOrigin must be a string');
        let ttl = DEFAULT_TTL_NS;
        if (req.maxTimeToLive !== undefined) {
            if (!/^[0-9]{1,30}$/.test(req.maxTimeToLive)) throw new BadRequest('maxTimeToLive must be decimal nanoseconds');
            ttl = BigInt(req.maxTimeToLive);
        }
        if (ttl > MAX_TTL_NS) ttl = MAX_TTL_NS;
        if (req.targets !== undefined && (!Array.isArray(req.targets) || req.targets.length > MAX_TARGETS)) throw new BadRequest(`targets must be a list of at most ${MAX_TARGETS} principals`);
        let targets: Principal[] | undefined;
        try {
            targets = req.targets?.map(t => Principal.fromText(t));
        } catch {
            throw new BadRequest('targets must be principal texts');
        }
        const check = await validateDerivationOrigin(req.origin, req.derivationOrigin, this.#o.fetch);
        if (check.result === 'invalid') throw new BadRequest(`Invalid derivation origin: ${check.message}`);
        this.#addUser(req.user);
        const key = userKey(req.user, req.derivationOrigin ?? req.origin, this.#o.salt, this.#canister.id);
        const pubkey = new Uint8Array(Buffer.from(req.sessionPublicKey, 'hex'));
        const expiration = BigInt(nowMs) * 1_000_000n + ttl;
        const message = delegationMessage({ pubkey, expiration, ...(targets ? { targets } : {}) });
        const signature = this.#sign(key.seed, message, nowMs);
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

    /** II's prepare_delegation (tree + certified data) and get_delegation (certificate + witness). */
    #sign(seed: Uint8Array, message: Uint8Array, nowMs: number): Uint8Array {
        try {
            this.#canister.ensure();
            this.#signatures.add(seed, message, nowMs);
            this.#canister.setCertifiedData(this.#signatures.rootHash());
            const certificate = this.#canister.certificate();
            const tree = this.#signatures.witness(seed, message);
            if (tree === undefined) throw new Error('the signature left the tree before it was read');
            return encodeCanisterSignature(certificate, tree);
        } catch (e) {
            throw new HttpError(503, `The identity canister could not sign: ${(e as Error).message}`);
        }
    }

    async handle(method: string, path: string, body: Uint8Array): Promise<IdpResponse> {
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
                throw new BadRequest('Expected {user, sessionPublicKey, maxTimeToLive?, origin, derivationOrigin?, targets?}');
            }
            return json(200, await this.delegate(req));
        }
        if (method !== 'GET' && method !== 'POST') throw new HttpError(405, 'Method not allowed');
        throw new NotFound(`Not found: ${path}`);
    }
}
