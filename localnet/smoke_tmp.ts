import { buildAzleCanisterCached } from './src/testing/build';
let t = performance.now();
console.log(buildAzleCanisterCached('localnet/test/canister', 'probe'), performance.now() - t);
