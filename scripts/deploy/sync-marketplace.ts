// icp-cli sync step of the `marketplace` canister (icp.yaml): the token it settles in — the local
// ledger deployed alongside (local), the ICP ledger on mainnet — and, when APP_RELAY_PRINCIPAL is
// set, the relay allowed to report. Idempotent: setToken replaces, addRelay of a known relay is a no-op.
import { idlFactory } from '../../canisters/marketplace/declarations';
import { MAINNET_ICP_LEDGER } from './app-config';
import { icpCaller } from './icp-call';

const env = process.env;
const call = icpCaller(env.ICP_CLI_CID ?? 'marketplace', idlFactory);
const ledger = env.ICP_CLI_NETWORK === 'ic' ? MAINNET_ICP_LEDGER : env.ICP_CLI_CID_LEDGER;
if (!ledger) throw new Error('sync-marketplace: no ledger canister id (ICP_CLI_CID_LEDGER)');
const token = env.ICP_CLI_NETWORK === 'ic' ? { symbol: 'ICP', decimals: 8, fee: 10_000n } : { symbol: 'TCY', decimals: 8, fee: 10_000n };
const { Principal } = await import('@dfinity/principal');
const show = (r: unknown): string => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
const [set] = call('setToken', [{ ...token, ledger: Principal.fromText(ledger) }]);
if (typeof set === 'object' && set !== null && 'Err' in set) throw new Error(`setToken: ${show(set)}`);
if (env.APP_RELAY_PRINCIPAL) {
    const [relay] = call('addRelay', [Principal.fromText(env.APP_RELAY_PRINCIPAL)]);
    console.log(`addRelay ${env.APP_RELAY_PRINCIPAL}: ${show(relay).slice(0, 120)}`);
}
console.log(`marketplace ${env.ICP_CLI_CID} settles in ${token.symbol} at ${ledger}`);
