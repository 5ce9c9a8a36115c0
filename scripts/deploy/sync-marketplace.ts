// icp-cli sync step of the `marketplace` canister (icp.yaml): the tokens it settles in — the local
// ledgers deployed alongside (TCY, and ckUSDC when the environment has it), the ICP ledger on
// mainnet —, locally the ICPay canister whose payments it verifies, and, when APP_RELAY_PRINCIPAL is
// set, the relay allowed to report. Idempotent: setToken replaces, addRelay of a known relay is a
// no-op, the ICPay config is set once (by an upgrade with init args: it has no setter).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idlFactory, init } from '../../canisters/marketplace/declarations';
import { encodeInit } from '../start-deploy';
import { icpBin } from './icp-call';
import { LOCAL_ICPAY_ACCOUNT } from './icpay-account';
import { MAINNET_ICP_LEDGER } from './app-config';
import { icpCaller } from './icp-call';

const env = process.env;
const call = icpCaller(env.ICP_CLI_CID ?? 'marketplace', idlFactory);
const ledger = env.ICP_CLI_NETWORK === 'ic' ? MAINNET_ICP_LEDGER : env.ICP_CLI_CID_LEDGER;
if (!ledger) throw new Error('sync-marketplace: no ledger canister id (ICP_CLI_CID_LEDGER)');
const token = env.ICP_CLI_NETWORK === 'ic' ? { symbol: 'ICP', decimals: 8, fee: 10_000n } : { symbol: 'TCY', decimals: 8, fee: 10_000n };
const { Principal } = await import('@dfinity/principal');
const show = (r: unknown): string => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
const tokens = [{ ...token, ledger: Principal.fromText(ledger) }];
if (env.ICP_CLI_NETWORK !== 'ic' && env.ICP_CLI_CID_CKUSDC) tokens.push({ symbol: 'ckUSDC', decimals: 6, fee: 10_000n, ledger: Principal.fromText(env.ICP_CLI_CID_CKUSDC) });
for (const t of tokens) {
    const [set] = call('setToken', [t]);
    if (typeof set === 'object' && set !== null && 'Err' in set) throw new Error(`setToken: ${show(set)}`);
}
const [config] = call('getConfig', []) as [{ icpay: unknown[] }];
if (env.ICP_CLI_NETWORK !== 'ic' && env.ICP_CLI_CID_ICPAY && config.icpay.length === 0) {
    const icpay = { canister: Principal.fromText(env.ICP_CLI_CID_ICPAY), account: LOCAL_ICPAY_ACCOUNT };
    const dir = mkdtempSync(join(tmpdir(), 'market-upgrade-'));
    try {
        writeFileSync(join(dir, 'args.bin'), encodeInit(init, [[{ tokens: [], relays: [], icpay: [icpay] }]]));
        const cmd = ['canister', 'install', '-e', env.ICP_CLI_ENVIRONMENT ?? 'local', env.ICP_CLI_CID ?? 'marketplace', '--mode', 'upgrade', '--wasm', '.azle/marketplace/marketplace.wasm', '--args-file', join(dir, 'args.bin'), '--args-format', 'bin', '-y'];
        execFileSync(icpBin(), cmd, { stdio: ['ignore', 'inherit', 'inherit'] });
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    console.log(`marketplace ${env.ICP_CLI_CID} verifies ICPay payments of ${env.ICP_CLI_CID_ICPAY}`);
}
if (env.APP_RELAY_PRINCIPAL) {
    const [relay] = call('addRelay', [Principal.fromText(env.APP_RELAY_PRINCIPAL)]);
    console.log(`addRelay ${env.APP_RELAY_PRINCIPAL}: ${show(relay).slice(0, 120)}`);
}
console.log(`marketplace ${env.ICP_CLI_CID} settles in ${tokens.map((t) => `${t.symbol} at ${t.ledger.toText()}`).join(', ')}`);
