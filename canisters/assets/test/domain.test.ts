// Pure parts of the asset canister and its sync: the representation-independent hash (the interface
// spec's vector), aliases, encodings, and .ic-assets.json5 rules as dfx applies them.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../common/hash_tree';
import { aliasedBy, aliasesOf, chooseEncoding, type Asset } from '../src/domain/assets';
import { representationIndependentHash } from '../src/domain/certification';
import { configFor, readRules } from '../sync/ic_assets';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('certification', () => {
    it('hashes a map as the interface spec does (its test vector)', () => {
        const h = representationIndependentHash([['name', 'foo'], ['message', 'Hello World!'], ['answer', 42]]);
        expect(toHex(h)).toBe('b0c6f9191e37dceafdfc47fbfc7e9cc95f21c7b985c2f7ba5855015c2a8f13ac');
    });
});

describe('assets', () => {
    it('aliases as upstream: /x → /x.html, /x/index.html; /a/index.html answers /a/index, /a/, /a', () => {
        expect(aliasesOf('/x')).toEqual(['/x.html', '/x/index.html']);
        expect(aliasesOf('/d/')).toEqual(['/d/index.html']);
        expect(aliasesOf('/p.html')).toEqual([]);
        expect(aliasedBy('/index.html')).toEqual(['/index', '/']);
        expect(aliasedBy('/a/index.html')).toEqual(['/a/index', '/a/', '/a']);
    });

    it('serves gzip only to a client that accepts it', () => {
        const enc = { sha256: '', length: 1, chunks: 1, modifiedNs: 0n };
        const a: Asset = { key: '/a.js', contentType: 'text/javascript', maxAge: null, headers: null, isAliased: null, allowRawAccess: null, encodings: { identity: enc, gzip: enc } };
        expect(chooseEncoding(a, 'gzip, deflate, br')).toBe('gzip');
        expect(chooseEncoding(a, 'br')).toBe('identity');
        expect(chooseEncoding(a, undefined)).toBe('identity');
        expect(chooseEncoding({ ...a, encodings: { gzip: enc } }, undefined)).toBe('gzip');
    });
});

describe('.ic-assets.json5 (frontend/public)', () => {
    const rules = readRules(resolve(ROOT, 'frontend/public/.ic-assets.json5'));
    const header = (path: string, name: string) => configFor(rules, path).headers.find(([k]) => k.toLowerCase() === name)?.[1];

    it('gives every file the CSP, hashed assets a year of cache, the entry page and config no-cache', () => {
        expect(header('index.html', 'content-security-policy')).toMatch(/^default-src 'none'/);
        expect(header('assets/index-abc.js', 'content-security-policy')).toMatch(/^default-src 'none'/);
        expect(header('assets/index-abc.js', 'cache-control')).toBe('public, max-age=31536000, immutable');
        expect(header('index.html', 'cache-control')).toBe('no-cache');
        expect(header('config.json', 'cache-control')).toBe('no-cache');
    });

    it('uploads .well-known but no other dotfile', () => {
        expect(configFor(rules, '.well-known/ii-alternative-origins').ignore).toBe(false);
        expect(configFor(rules, '.DS_Store').ignore).toBe(true);
        expect(configFor(rules, 'assets/.cache/x').ignore).toBe(true);
    });
});
