// icp-cli sync step of the local `icpay` canister (icp.yaml, local environment only): ICPay's
// account and ledgers name canisters whose ids icp-cli chooses at creation, so the canister is
// installed empty and, on the first deploy, reinstalled here with the init `npm start` uses
// (scripts/start.ts): the account relays to the marketplace, on both local ledgers. Idempotent:
// once the account exists, nothing is reinstalled (ICPay's transactions are kept).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Principal } from '@dfinity/principal';

import { idlFactory, init } from '../../canisters/icpay/declarations';
import { encodeInit } from '../start-deploy';
import { icpBin, icpCaller } from './icp-call';
import { LOCAL_ICPAY_ACCOUNT } from './icpay-account';

const LEDGER_FEE = 10_000n;

const env = process.env;
const need = (k: string): string => {
    const v = env[k];
    if (!v) throw new Error(`sync-icpay: ${k} is not set (icp-cli sets it for canisters of the environment)`);
    return v;
};
const call = icpCaller(env.ICP_CLI_CID ?? 'icpay', idlFactory);
const [account] = call('get_account', [LOCAL_ICPAY_ACCOUNT]) as [unknown[]];
if (account.length === 1) console.log(`icpay ${env.ICP_CLI_CID}: account ${LOCAL_ICPAY_ACCOUNT} configured`);
else {
    const marketplace = need('ICP_CLI_CID_MARKETPLACE');
    const ledgers = [need('ICP_CLI_CID_LEDGER'), need('ICP_CLI_CID_CKUSDC')];
    // Upstream's public price: 0.5% platform fee, no relay fee (as scripts/start.ts).
    const arg = encodeInit(init, [
        {
            accounts: [{ account_canister_id: LOCAL_ICPAY_ACCOUNT, recipient: Principal.fromText(marketplace), platform_fee_percentage: 50, platform_fee_fixed: 0n, relay_fee_percentage: 0 }],
            ledgers: ledgers.map((id) => ({ canister_id: Principal.fromText(id), fee: LEDGER_FEE, minimum_amount: 0n })),
            test_controls: false
        }
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'icpay-init-'));
    try {
        writeFileSync(join(dir, 'init.bin'), arg);
        const cmd = ['canister', 'install', '-e', env.ICP_CLI_ENVIRONMENT ?? 'local', env.ICP_CLI_CID ?? 'icpay', '--mode', 'reinstall', '--wasm', '.azle/icpay/icpay.wasm', '--args-file', join(dir, 'init.bin'), '--args-format', 'bin', '-y'];
        execFileSync(icpBin(), cmd, { stdio: ['ignore', 'inherit', 'inherit'] });
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    console.log(`icpay ${env.ICP_CLI_CID}: account ${LOCAL_ICPAY_ACCOUNT} relays to ${marketplace} on ${ledgers.join(', ')}`);
}
