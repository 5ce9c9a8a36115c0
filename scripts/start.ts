// `npm start`: build the canisters and the frontend, start localnet (state kept in .localnet/),
// deploy the ledger and the marketplace, seed a demo marketplace on the first start, start the
// relay against the local stand-ins (devstack/), and upload the app into the asset canister, served
// by localnet's HTTP gateway at http://<frontend-id>.localhost:<LOCALNET_PORT>/ (START_PORT redirects there).
// Ctrl-C stops everything and saves the state; the next start continues from it.
//
// Options (env): START_PORT (8080, a redirect to the app's gateway URL), LOCALNET_PORT (4943), LOCALNET_STATE_DIR
// (.localnet/state), START_SKIP_BUILD=1 (reuse existing builds), START_NO_RELAY=1, START_NO_SEED=1.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Principal } from '@dfinity/principal';
import { init as ledgerInit } from '../canisters/ledger/declarations';
import { init as marketplaceInit } from '../canisters/marketplace/declarations';
import { init as icpayInit } from '../canisters/icpay/declarations';
import { LOCAL_ICPAY } from '../devstack/src/icpay/server';
import { CANISTER_IDS, agentFor, deployCanister, devIdentity, encodeInit } from './start-deploy';
import { buildCanister, run, stageWasm } from './start-build';
import { FRONTEND_ID, frontendArg, stageApp, startRedirect, uploadApp } from './start-assets';
import type { LocalRelay } from '../devstack/src/relay';

const root = resolve(new URL('..', import.meta.url).pathname);
const env = process.env;
const APP_PORT = Number(env.START_PORT ?? 8080);
const LOCALNET_PORT = Number(env.LOCALNET_PORT ?? 4943);
const STATE_DIR = resolve(root, env.LOCALNET_STATE_DIR ?? '.localnet/state');
// Builds, the relay's database and the seed marker live next to the state directory.
const RUN_DIR = resolve(STATE_DIR, '..');
const log = (m: string) => console.log(`[start] ${m}`);

export const TOKEN = { symbol: 'TCY', name: 'TrustCloud Test Dollar', decimals: 8, fee: 10_000n };
/** The second token offerings may be priced in: a local ckUSDC (6 decimals, ckUSDC's own ledger fee). */
export const TOKEN2 = { symbol: 'ckUSDC', name: 'ckUSDC (local)', decimals: 6, fee: 10_000n };

async function build(): Promise<void> {
    if (env.START_SKIP_BUILD === '1' && existsSync(join(root, '.azle/marketplace/marketplace.wasm')) && existsSync(join(root, '.azle/assets/assets.wasm')) && existsSync(join(root, 'frontend/dist/index.html'))) {
        log('START_SKIP_BUILD=1: reusing existing builds');
        return;
    }
    for (const name of ['ledger', 'icpay', 'marketplace', 'assets']) {
        await buildCanister(root, name, log);
        stageWasm(root, name, join(RUN_DIR, 'wasm'));
    }
    run(root, process.execPath, ['scripts/bindings.mjs'], 'bindings generated', log);
    run(root, 'npm', ['run', 'build', '--workspace', 'frontend', '--silent'], 'frontend built', log);
}

async function startLocalnet() {
    const { runLocalnet } = await import('@trustcloud/localnet');
    const { LocalIcImpl } = await import('@trustcloud/localnet');
    const p = await import('@trustcloud/localnet').catch(() => null);
    type Ic = InstanceType<typeof LocalIcImpl>;
    const factory = {
        create: (certifier: unknown) => new LocalIcImpl({ clock: 'wall', certifier: certifier as never }),
        load: (dir: string, certifier: unknown) => (p ? p.loadState(dir, { certifier: certifier as never, clock: 'wall' }) : new LocalIcImpl({ clock: 'wall', certifier: certifier as never })),
        save: async (ic: Ic, dir: string) => {
            if (p) {
                mkdirSync(dir, { recursive: true });
                p.saveState(ic, dir);
            }
        },
        hasState: (dir: string) => p !== null && p.hasState(dir)
    };
    if (p === null) log('warning: localnet persistence unavailable, state will not survive a restart');
    return runLocalnet<Ic>(factory, { port: LOCALNET_PORT, host: '127.0.0.1', stateDir: STATE_DIR, log: (l) => console.log(l) });
}

async function main(): Promise<void> {
    const started = Date.now();
    await build();
    mkdirSync(RUN_DIR, { recursive: true });
    const localnet = await startLocalnet();
    const stops: (() => Promise<void>)[] = [() => localnet.stop()];
    const stopAll = async () => {
        for (const s of stops.reverse()) await s().catch((e: unknown) => console.error(`[start] stop failed: ${(e as Error).message}`));
    };
    let stopping = false;
    const onSignal = (sig: string) => {
        if (stopping) {
            log(`${sig} again: exiting now`);
            process.exit(130);
        }
        stopping = true;
        log(`${sig}: stopping (state is saved)…`);
        void stopAll().then(() => process.exit(0));
    };
    process.on('SIGINT', () => onSignal('SIGINT'));
    process.on('SIGTERM', () => onSignal('SIGTERM'));

    try {
        const url = localnet.server.url;
        const controller = devIdentity('controller');
        const relayIdentity = devIdentity('relay');
        const agent = await agentFor(url, controller);
        const minter = devIdentity('minter');
        const ic = localnet.ic;
        const info = (id: string) => ic.canisterInfo(Principal.fromText(id));

        const ledgerArgOf = (t: typeof TOKEN) =>
            encodeInit(ledgerInit, [
                {
                    token_name: t.name,
                    token_symbol: t.symbol,
                    decimals: t.decimals,
                    transfer_fee: t.fee,
                    minting_account: { owner: minter.getPrincipal(), subaccount: [] },
                    initial_balances: [],
                    min_burn_amount: [],
                    allow_faults: [true],
                    archive_options: []
                }
            ]);
        const marketArg = encodeInit(marketplaceInit, [
            [
                {
                    tokens: [
                        { symbol: TOKEN.symbol, ledger: Principal.fromText(CANISTER_IDS.ledger), decimals: TOKEN.decimals, fee: TOKEN.fee },
                        { symbol: TOKEN2.symbol, ledger: Principal.fromText(CANISTER_IDS.ckusdc), decimals: TOKEN2.decimals, fee: TOKEN2.fee }
                    ],
                    requestTimeoutSeconds: [],
                    feeBps: [100],
                    relays: [relayIdentity.getPrincipal()],
                    feeAccount: [{ owner: controller.getPrincipal(), subaccount: [] }],
                    icpay: [{ canister: Principal.fromText(CANISTER_IDS.icpay), account: BigInt(LOCAL_ICPAY.accountCanisterId) }]
                }
            ]
        ]);
        // ICPay's canister with upstream's public price (0.5% platform fee, no relay fee), relaying to the escrow.
        const icpayArg = encodeInit(icpayInit, [
            {
                accounts: [{ account_canister_id: BigInt(LOCAL_ICPAY.accountCanisterId), recipient: Principal.fromText(CANISTER_IDS.marketplace), platform_fee_percentage: 50, platform_fee_fixed: 0n, relay_fee_percentage: 0 }],
                ledgers: [
                    { canister_id: Principal.fromText(CANISTER_IDS.ledger), fee: TOKEN.fee, minimum_amount: 0n },
                    { canister_id: Principal.fromText(CANISTER_IDS.ckusdc), fee: TOKEN2.fee, minimum_amount: 0n }
                ],
                test_controls: false
            }
        ]);
        for (const [name, id, arg] of [
            ['ledger', CANISTER_IDS.ledger, ledgerArgOf(TOKEN)],
            ['ckusdc', CANISTER_IDS.ckusdc, ledgerArgOf(TOKEN2)],
            ['icpay', CANISTER_IDS.icpay, icpayArg],
            ['marketplace', CANISTER_IDS.marketplace, marketArg],
            ['assets', FRONTEND_ID, frontendArg()]
        ] as const) {
            const i = info(id);
            const module = name === 'ckusdc' ? 'ledger' : name;
            const wasmPath = existsSync(join(RUN_DIR, 'wasm', `${module}.wasm`)) ? join(RUN_DIR, 'wasm', `${module}.wasm`) : join(root, '.azle', module, `${module}.wasm`);
            const outcome = await deployCanister(agent, { name, canisterId: id, wasmPath, arg }, i !== undefined, i?.moduleHash);
            log(`${name} ${outcome} at ${id}`);
        }

        // The app's origin is the gateway's: Internet Identity principals are per origin.
        const appUrl = localnet.server.canisterUrl(FRONTEND_ID);
        const appOrigin = appUrl.replace(/\/$/, '');
        const seededMarker = join(RUN_DIR, 'seeded.json');
        if (env.START_NO_SEED !== '1' && !existsSync(seededMarker)) {
            const { seed } = await import('./seed');
            const summary = await seed({ localnetUrl: url, appOrigin, controller, minter, relay: relayIdentity, log });
            writeFileSync(seededMarker, JSON.stringify({ at: new Date().toISOString(), appOrigin, ...summary }, null, 2));
            await localnet.server.flush();
        } else if (existsSync(seededMarker)) {
            const seededFor = (JSON.parse(readFileSync(seededMarker, 'utf8')) as { appOrigin?: string }).appOrigin;
            log(`demo data already seeded (${seededMarker})`);
            if (seededFor !== appOrigin) log(`warning: the demo users were seeded for ${seededFor}; their sign-ins from ${appOrigin} are other principals (delete ${STATE_DIR} to seed afresh)`);
        }

        let relay: LocalRelay | undefined;
        if (env.START_NO_RELAY !== '1') {
            try {
                const { startLocalRelay } = await import('../devstack/src/relay');
                relay = await startLocalRelay({ localnetUrl: url, appOrigin, marketplaceId: CANISTER_IDS.marketplace, ledgerIds: [CANISTER_IDS.ledger, CANISTER_IDS.ckusdc], icpayCanisterId: CANISTER_IDS.icpay, identity: relayIdentity, dir: join(RUN_DIR, 'relay'), log });
                stops.push(relay.stop);
            } catch (e) {
                log(`relay not started: ${(e as Error).message.split('\n')[0]}`);
            }
        }

        const config = {
            network: 'local',
            icHost: '',
            marketplaceCanisterId: CANISTER_IDS.marketplace,
            ledgerCanisterId: CANISTER_IDS.ledger,
            identityProviderUrl: `${url}/identity`,
            // The relay, and the local ICPay and Chatwoot behind "Pay with ICPay" and the chat.
            ...relay?.appConfig,
            sessionKeyType: env.START_SESSION_KEY_TYPE ?? 'ECDSA',
            devTools: true
        };
        writeFileSync(join(RUN_DIR, 'app-config.json'), JSON.stringify(config, null, 2));
        const staged = stageApp(join(root, 'frontend', 'dist'), join(RUN_DIR, 'app'), config, { connect: relay?.connectOrigins ?? [], script: relay?.scriptOrigins ?? [], styleHashes: relay?.styleHashes ?? [] });
        await uploadApp(agent, staged, log);
        try {
            const redirect = await startRedirect(APP_PORT, appUrl);
            stops.push(redirect.close);
        } catch (e) {
            log(`START_PORT ${APP_PORT} not redirected: ${(e as Error).message}`);
        }
        log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        console.log('');
        console.log(`  TrustCloud is running:  ${appUrl}`);
        console.log(`  (http://127.0.0.1:${APP_PORT}/ redirects there; the asset canister ${FRONTEND_ID} serves it through localnet's HTTP gateway, verified)`);
        console.log(`  Sign in with the local identity provider (${url}/identity): users alice (tenant), bob (provider), …`);
        console.log(`  Localnet: ${url}  (advance time: curl -X POST ${url}/_/time/advance -d '{"ms":86400000}')`);
        console.log('  Ctrl-C stops everything; the state is kept in .localnet/ for the next start.');
        console.log('');
    } catch (e) {
        console.error(`[start] failed: ${(e as Error).stack ?? String(e)}`);
        await stopAll();
        process.exit(1);
    }
}

void main();
