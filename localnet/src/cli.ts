// `npm run localnet`: the local IC as a server. Env: LOCALNET_PORT (4943), LOCALNET_HOST
// (127.0.0.1), LOCALNET_STATE_DIR (.localnet/state). Ctrl-C saves the state and stops.
import { localIcFactory } from './server/executor.js';
import { exitOnSignals, optionsFromEnv, runLocalnet } from './server/run.js';

runLocalnet(localIcFactory, optionsFromEnv()).then(
    running => exitOnSignals(running),
    (e: unknown) => {
        console.error(`localnet: ${(e as Error).stack ?? String(e)}`);
        process.exit(1);
    }
);
