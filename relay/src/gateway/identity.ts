import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { Ed25519KeyIdentity } from '@dfinity/identity';

export class IdentityFileError extends Error {
    override readonly name = 'IdentityFileError';
}

/**
 * The relay's Ed25519 identity from a key file: PKCS#8 PEM (`dfx identity export`,
 * `openssl genpkey -algorithm ed25519`) or the JSON of `Ed25519KeyIdentity.toJSON()`.
 */
export function loadIdentity(path: string): { identity: Ed25519KeyIdentity; warnings: string[] } {
    let text: string;
    const warnings: string[] = [];
    try {
        text = readFileSync(path, 'utf8').trim();
        if ((statSync(path).mode & 0o077) !== 0) warnings.push(`${path} is readable by group or others; chmod 600 it`);
    } catch (e) {
        throw new IdentityFileError(`RELAY_IDENTITY_FILE: cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return { identity: parseIdentity(text, path), warnings };
}

export function parseIdentity(text: string, label = 'key file'): Ed25519KeyIdentity {
    try {
        if (text.startsWith('[')) return Ed25519KeyIdentity.fromJSON(text);
        if (text.includes('BEGIN EC PRIVATE KEY')) throw new Error('a secp256k1 key; the relay needs an Ed25519 key');
        const jwk = createPrivateKey(text).export({ format: 'jwk' });
        if (jwk.crv !== 'Ed25519' || !jwk.d) throw new Error(`key type ${jwk.crv ?? jwk.kty ?? 'unknown'} is not Ed25519`);
        return Ed25519KeyIdentity.fromSecretKey(new Uint8Array(Buffer.from(jwk.d, 'base64url')));
    } catch (e) {
        throw new IdentityFileError(`RELAY_IDENTITY_FILE: ${label} is not an Ed25519 key: ${e instanceof Error ? e.message : String(e)}`);
    }
}

/** Writes a new PKCS#8 PEM Ed25519 key (mode 600) and returns its principal. */
export function generateIdentityFile(path: string): string {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
    return parseIdentity(pem).getPrincipal().toText();
}
