// Runs every benchmark in turn and prints its figures; each can also be run on its own.
import { spawnSync } from 'node:child_process';

const benches = ['attacks', 'metering', 'localnet', 'http', 'marketplace', 'scale', 'escrow', 'trust', 'trust_profile', 'trust_sim', 'relay', 'frontend'];
const only = process.argv.slice(2);
for (const name of benches.filter((b) => only.length === 0 || only.includes(b))) {
    console.log(`\n=== bench/${name}.ts ===`);
    const run = spawnSync('npx', ['tsx', `bench/${name}.ts`], { stdio: 'inherit' });
    if (run.status !== 0) process.exitCode = 1;
}
