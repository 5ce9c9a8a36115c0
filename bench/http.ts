// Figure: median HTTP round trip of an update and a query through the real @dfinity/agent,
// and the certificate signing time. `npx tsx bench/http.ts` (BENCH_N to change the sample size).
import { Actor } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { certify, deriveDevKeys, LocalCertifier, startLocalnetServer } from '@trustcloud/localnet';
import { FakeIc, FAKE_CANISTER } from '../localnet/test/http/fake_ic.js';
import { agentFor, fakeActor } from '../localnet/test/http/helpers.js';

const N = Number(process.env.BENCH_N ?? 200);
const probeSender = Principal.anonymous();
const emptyArg = new Uint8Array(IDL.encode([], []));
const probeId = (a: object): Principal => Actor.canisterIdOf(a as never);

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)] as number;
}

async function time(n: number, f: () => Promise<unknown> | unknown): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
        const t = performance.now();
        await f();
        out.push(performance.now() - t);
    }
    return out;
}

const keys = deriveDevKeys();
const sign = await time(N, () => certify(keys, new Map([['x', new Uint8Array(32)]]), BigInt(Date.now()) * 1_000_000n));
const certifier = new LocalCertifier(keys);
let k = 0n;
const dataCert = await time(N, () => certifier.dataCertificate(Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai'), new Uint8Array(32), k++));

const ic = new FakeIc();
const server = await startLocalnetServer({ ic, port: 0 });
const actor = fakeActor(await agentFor(server.url));
await actor.inc();
await actor.greet('warm');
const update = await time(N, () => actor.inc());
const query = await time(N, () => actor.greet('bench'));
await server.close();

// The same through the real executor and a compiled Azle canister.
const { LocalIcImpl } = await import('@trustcloud/localnet');
const { deployProbe, probeActor } = await import('../localnet/test/http/probe.js');
const realIc = new LocalIcImpl({ certifier });
const realServer = await startLocalnetServer({ ic: realIc, keys, port: 0 });
const realAgent = await agentFor(realServer.url);
const probe = probeActor(realAgent, await deployProbe(realAgent));
await probe.inc();
await probe.greet('warm');
const realUpdate = await time(N, () => probe.inc());
const realQuery = await time(N, () => probe.greet('bench'));
const direct = await time(N, () => realIc.update({ sender: probeSender, canisterId: probeId(probe), methodName: 'inc', arg: emptyArg }));
await realServer.close();

const row = (name: string, xs: number[]): string => `${name.padEnd(44)} median ${median(xs).toFixed(2)} ms  (p90 ${[...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]?.toFixed(2)} ms, n=${xs.length})`;
console.log(`localnet HTTP interface, fake executor (canister ${FAKE_CANISTER.toText()}), Node ${process.version}`);
console.log(row('certificate signing (BLS, tree + sign)', sign));
console.log(row('data certificate (Certifier)', dataCert));
console.log(row('update round trip (agent v3 call, anonymous)', update));
console.log(row('query round trip (agent, signature verified)', query));
console.log(`real executor (LocalIcImpl, metering ${realIc.metered ? 'on' : 'off'}) + Azle probe canister:`);
console.log(row('update round trip (agent v3 call)', realUpdate));
console.log(row('query round trip (agent, signature verified)', realQuery));
console.log(row('same update in-process, no HTTP (LocalIc.update)', direct));
