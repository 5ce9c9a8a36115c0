// Strict type check of the repository. Azle's package exports its TypeScript sources, which do not
// pass our stricter flags (override, isolatedModules, noUncheckedIndexedAccess); those diagnostics
// belong to the dependency, so only errors in our own files fail the check.
import { spawnSync } from 'node:child_process';

const projects = ['tsconfig.json', 'frontend/tsconfig.json'];
let failed = false;
for (const project of projects) {
    const run = spawnSync('npx', ['tsc', '-p', project, '--noEmit', '--pretty', 'false'], { encoding: 'utf8' });
    const ours = `${run.stdout}${run.stderr}`
        .split('\n')
        .filter((line) => / error TS\d+/.test(line) && !/(^|\/)node_modules\//.test(line));
    if (ours.length > 0) failed = true;
    console.log(`${project}: ${ours.length} error(s) in project files`);
    for (const line of ours) console.log(`  ${line}`);
}
process.exit(failed ? 1 : 0);
