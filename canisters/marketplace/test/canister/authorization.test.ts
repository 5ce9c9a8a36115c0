// Authorization matrix: every update method of the market API called as anonymous, a stranger, the
// tenant, the provider, the relay and a controller. A caller that may not call a method gets
// `Err Unauthorized` or is refused by inspect_message before execution (anonymous callers of any
// identity method, non-controllers of controller methods, non-relays of relay methods); one that
// may gets anything else (Ok, or a state or input error).
import { Principal } from '@dfinity/principal';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, controller, errKind, offering, profile, provider, provisioned, refused, relay, stranger, tenant, world, type World } from './fixture';

type Caller = 'anonymous' | 'stranger' | 'tenant' | 'provider' | 'relay' | 'controller';
const CALLERS: Record<Caller, Principal> = { anonymous, stranger, tenant, provider, relay, controller };
const ALL: Caller[] = ['anonymous', 'stranger', 'tenant', 'provider', 'relay', 'controller'];
const SIGNED: Caller[] = ALL.filter((c) => c !== 'anonymous');

let w: World;
let ids: { contract: bigint; offering: bigint; transfer: bigint };

/** method → (how to call it, who may). */
const MATRIX: [string, (a: any) => Promise<any>, Caller[]][] = [
    ['updateProvider', (a) => a.updateProvider(profile(provider)), ['provider']],
    ['createOffering', (a) => a.createOffering(offering()), ['provider']],
    ['updateOffering', (a) => a.updateOffering(ids.offering, offering()), ['provider']],
    ['setOfferingActive', (a) => a.setOfferingActive(ids.offering, true), ['provider']],
    ['requestContract', (a) => a.requestContract(ids.offering, 24), SIGNED.filter((c) => c !== 'provider')],
    ['rentOffering', (a) => a.rentOffering(ids.offering, 24), SIGNED.filter((c) => c !== 'provider')],
    ['fund', (a) => a.fund(ids.contract), ['tenant']],
    ['creditPayment', (a) => a.creditPayment({ contractId: ids.contract, paymentId: 'p-auth', amount: 1n }), ['relay']],
    ['acceptContract', (a) => a.acceptContract(ids.contract), ['provider']],
    ['rejectContract', (a) => a.rejectContract(ids.contract, 'x'), ['provider']],
    ['startProvisioning', (a) => a.startProvisioning(ids.contract), ['provider']],
    ['reportProvisioned', (a) => a.reportProvisioned(ids.contract, 'x'), ['provider']],
    ['reportProvisioningFailed', (a) => a.reportProvisioningFailed(ids.contract, 'x'), ['provider']],
    ['confirmActive', (a) => a.confirmActive(ids.contract), ['tenant']],
    ['pauseContract', (a) => a.pauseContract(ids.contract, 'x'), ['tenant', 'provider']],
    ['resumeContract', (a) => a.resumeContract(ids.contract), ['tenant', 'provider']],
    ['extendContract', (a) => a.extendContract(ids.contract, 1_000_000), ['tenant']],
    ['withdraw', (a) => a.withdraw('ICP', [1n]), SIGNED],
    ['withdrawFees', (a) => a.withdrawFees('ICP', [1n]), ['controller']],
    ['retryTransfer', (a) => a.retryTransfer(ids.transfer), ['provider', 'controller']],
    ['runDue', (a) => a.runDue(), ['controller']],
    ['audit', (a) => a.audit(), ['relay', 'controller']],
    ['setFeeBps', (a) => a.setFeeBps(0), ['controller']],
    ['setFeeAccount', (a) => a.setFeeAccount({ owner: controller, subaccount: [] }), ['controller']],
    ['addRelay', (a) => a.addRelay(relay), ['controller']],
    ['removeRelay', (a) => a.removeRelay(stranger), ['controller']],
    ['setRequestTimeout', (a) => a.setRequestTimeout(3600n), ['controller']],
    ['setToken', (a) => a.setToken({ symbol: 'ICP', ledger: w.ledger.canisterId, decimals: 8, fee: 10_000n }), ['controller']],
    ['benchSeed', (a) => a.benchSeed(ids.offering, tenant, 0, 24), ['controller']],
    ['setProbeEndpoint', (a) => a.setProbeEndpoint(ids.contract, [{ scheme: { Https: null }, host: 'srv.example.com', port: 443, path: '/' }]), ['provider']],
    ['probeTargets', (a) => a.probeTargets(0, 10), ['relay']],
    ['setTrustReporter', (a) => a.setTrustReporter(relay, [{ Relay: null }]), ['controller']],
    // Last: these change who is a provider and the contract's state.
    ['cancelContract', (a) => a.cancelContract(ids.contract, 'x'), ['tenant']],
    ['registerProvider', (a) => a.registerProvider(profile(stranger)), SIGNED]
];

describe('authorization matrix (update methods × callers)', () => {
    beforeAll(async () => {
        w = await world();
        const c = await provisioned(w);
        await w.pic.advanceTime(3_600_000);
        const t = await w.as(provider).withdraw('ICP', []);
        ids = { contract: c.id, offering: c.offeringId, transfer: t.Ok.id };
    });

    for (const [method, call, allowed] of MATRIX) {
        for (const who of ALL) {
            const may = allowed.includes(who);
            it(`${method} as ${who}: ${may ? 'allowed' : 'Unauthorized'}`, async () => {
                // The contract methods resolve the caller's role before anything else, so a stranger
                // to the contract is refused whatever the contract's state.
                let r: unknown;
                const inspected = await refused((async () => void (r = await call(w.as(CALLERS[who]))))());
                if (may) {
                    expect(inspected).toBe(false);
                    expect(errKind(r)).not.toBe('Unauthorized');
                } else if (who === 'anonymous') {
                    // Certain to fail, so refused before the canister pays for executing it (queries are not inspected).
                    expect(inspected || errKind(r) === 'Unauthorized').toBe(true);
                    if (method !== 'probeTargets') expect(inspected).toBe(true);
                } else expect(inspected || errKind(r) === 'Unauthorized').toBe(true);
            });
        }
    }

    it('connection details are visible to the tenant and the provider only, and dropped when the contract closes', async () => {
        const open = await provisioned(w);
        for (const who of ALL) {
            const c = (await w.as(CALLERS[who]).getContract(open.id))[0];
            if (c === undefined) expect(['anonymous', 'stranger']).toContain(who);
            else expect(c.connection.length === 1).toBe(who === 'tenant' || who === 'provider');
        }
        // ids.contract was cancelled by the matrix: closed records keep no connection details.
        for (const who of ALL) {
            const c = (await w.as(CALLERS[who]).getContract(ids.contract))[0];
            if (c !== undefined) expect(c.connection).toEqual([]);
        }
        for (const who of ALL) {
            const c = (await w.as(CALLERS[who]).getContract(open.id))[0];
            if (c === undefined) expect(['anonymous', 'stranger']).toContain(who);
            else expect(c.connection.length === 1).toBe(who === 'tenant' || who === 'provider');
        }
    });
});
