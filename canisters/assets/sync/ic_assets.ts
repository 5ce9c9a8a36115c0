// `.ic-assets.json5` as dfx's asset sync (ic-asset's asset_config) reads it: rules in order, each
// `match` a glob relative to the directory holding the file, later rules overriding earlier ones
// (headers merged); dotfiles are ignored unless a rule says `"ignore": false`. Node side.
import { readFileSync } from 'node:fs';
import JSON5 from 'json5';
import picomatch from 'picomatch';

export interface AssetRule {
    match: string;
    headers?: Record<string, string>;
    cache?: { max_age?: number };
    ignore?: boolean;
    enable_aliasing?: boolean;
    allow_raw_access?: boolean;
}

export interface AssetConfig {
    headers: [string, string][];
    maxAge: number | null;
    ignore: boolean;
    enableAliasing: boolean | null;
    allowRawAccess: boolean | null;
}

export const CONFIG_FILE = '.ic-assets.json5';

export function readRules(path: string): AssetRule[] {
    const rules = JSON5.parse(readFileSync(path, 'utf8')) as unknown;
    if (!Array.isArray(rules)) throw new Error(`${path}: expected an array of rules`);
    for (const r of rules) if (typeof (r as AssetRule).match !== 'string') throw new Error(`${path}: every rule needs a "match" glob`);
    return rules as AssetRule[];
}

/** The configuration of the file at `relPath` (forward slashes, no leading slash). */
export function configFor(rules: AssetRule[], relPath: string): AssetConfig {
    const dotfile = relPath.split('/').some((s) => s.startsWith('.'));
    const out: AssetConfig = { headers: [], maxAge: null, ignore: dotfile, enableAliasing: null, allowRawAccess: null };
    const headers = new Map<string, [string, string]>();
    for (const rule of rules) {
        const isMatch = picomatch(rule.match, { dot: true });
        const matches = isMatch(relPath) || relPath.split('/').some((_, i, all) => isMatch(all.slice(0, i + 1).join('/')));
        if (!matches) continue;
        for (const [k, v] of Object.entries(rule.headers ?? {})) headers.set(k.toLowerCase(), [k, v]);
        if (rule.cache?.max_age !== undefined) out.maxAge = rule.cache.max_age;
        if (rule.ignore !== undefined) out.ignore = rule.ignore;
        if (rule.enable_aliasing !== undefined) out.enableAliasing = rule.enable_aliasing;
        if (rule.allow_raw_access !== undefined) out.allowRawAccess = rule.allow_raw_access;
    }
    out.headers = [...headers.values()];
    return out;
}
