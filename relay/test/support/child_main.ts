// A relay process for crash tests: the production wiring with a gateway to a fake canister.
import { startRelay } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { RemoteFakeGateway } from './remote_gateway.js';

const config = loadConfig();
const url = process.env.FAKE_CANISTER_URL;
if (!url) throw new Error('FAKE_CANISTER_URL is required');
const relay = await startRelay(config, { gateway: new RemoteFakeGateway(url) });
process.once('SIGINT', () => void relay.stop().then(() => process.exit(0)));
