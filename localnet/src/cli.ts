// `npm run localnet`: the local IC as a server. Env: LOCALNET_PORT (4943), LOCALNET_HOST
// (127.0.0.1), LOCALNET_STATE_DIR (.localnet/state). Ctrl-C saves the state and stops.
// `npm run localnet -- --pocket-ic`: a PocketIC-compatible REST server instead (for pic-js:
// `PocketIc.create(url)`), on LOCALNET_PORT; instances live in memory only.
import { startPocketIcServer } from './server/pocket_ic_server.js';
import { localIcFactory } from './server/executor.js';
import { exitOnSignals, optionsFromEnv, runLocalnet } from './server/run.js';

const fail = (e: unknown): never => {
    console.error(`localnet: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
};

if (process.argv.includes('--pocket-ic')) {
    const { port, host } = optionsFromEnv();
    startPocketIcServer({ port, host }).then((s) => {
        console.log(`localnet: PocketIC-compatible server at ${s.url} (set PIC_URL to it)`);
        exitOnSignals({ stop: () => s.close() });
    }, fail);
} else {
    runLocalnet(localIcFactory, optionsFromEnv()).then((running) => exitOnSignals(running), fail);
}
