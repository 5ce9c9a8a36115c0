// `npm start`'s app: frontend/dist staged with its `/config.json` and the production
// `.ic-assets.json5` (the CSP extended with the local stand-ins' origins, minus
// upgrade-insecure-requests, which plain-http localhost cannot honour), uploaded with
// @dfinity/assets into the asset canister, and served by localnet's HTTP gateway at
// http://<frontend-id>.localhost:<localnet port>/ (certified, verified).
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { HttpAgent } from '@dfinity/agent';
import { noArgs } from '../canisters/assets/sync/deploy';
import { CONFIG_FILE, readRules, type AssetRule } from '../canisters/assets/sync/ic_assets';
import { syncDirectory } from '../canisters/assets/sync/upload';

/** dfx's third local canister id, after the ledger and the marketplace. */
export const FRONTEND_ID = 'be2us-64aaa-aaaaa-qaabq-cai';
export const frontendArg = noArgs;

export interface LocalOrigins {
    connect: string[];
    script: string[];
    /** `'sha256-…'` sources of inline styles the stand-ins inject (the chat widget's). */
    styleHashes?: string[];
}

/** The production CSP with the local origins added where the app needs them. */
export function localCsp(production: string, o: LocalOrigins): string {
    const add: Record<string, string[]> = { 'connect-src': o.connect, 'script-src': o.script, 'img-src': o.script, 'frame-src': o.script, 'style-src': o.styleHashes ?? [] };
    return production
        .split(';')
        .map((d) => d.trim())
        .filter((d) => d !== '' && d !== 'upgrade-insecure-requests')
        .map((d) => {
            const name = d.split(/\s+/)[0]!;
            const extra = (add[name] ?? []).filter((x) => !d.split(/\s+/).includes(x));
            return extra.length > 0 ? `${d} ${extra.join(' ')}` : d;
        })
        .join('; ');
}

export function localRules(rules: AssetRule[], o: LocalOrigins): AssetRule[] {
    return rules.map((r) => {
        const csp = r.headers?.['Content-Security-Policy'];
        return csp === undefined ? r : { ...r, headers: { ...r.headers, 'Content-Security-Policy': localCsp(csp, o) } };
    });
}

/** frontend/dist copied to `dir` with `config.json` and the local `.ic-assets.json5`. */
export function stageApp(dist: string, dir: string, config: Record<string, unknown>, origins: LocalOrigins): string {
    rmSync(dir, { recursive: true, force: true });
    cpSync(dist, dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2));
    writeFileSync(join(dir, CONFIG_FILE), JSON.stringify(localRules(readRules(join(dist, CONFIG_FILE)), origins), null, 2));
    return dir;
}

export async function uploadApp(agent: HttpAgent, dir: string, log: (m: string) => void): Promise<void> {
    await syncDirectory({ agent, canisterId: FRONTEND_ID, dir, log });
}

/** The old app port: every request is redirected to the same path on the gateway URL. */
export async function startRedirect(port: number, target: string): Promise<{ close(): Promise<void> }> {
    const server: Server = createServer((req, res) => {
        res.writeHead(308, { Location: new URL(req.url ?? '/', target).toString() }).end();
    });
    await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(port, '127.0.0.1', () => ok());
    });
    return {
        close: () =>
            new Promise<void>((ok) => {
                server.close(() => ok());
                server.closeAllConnections();
            })
    };
}
