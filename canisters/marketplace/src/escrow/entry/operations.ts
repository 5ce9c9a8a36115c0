// The escrow's operations (controllers): fees, tokens, request timeout, the due-time run, the
// scheduler's state, bench seeding of contracts. Thin: check the caller, change the config, reply.
import { IDL, Principal, query, update } from 'azle';

import * as C from '../../root/candid';
import { controllerOnly, type EntryBase } from '../../root/caller';
import { MANUAL, sig } from '../../platform/reply';
import { market, schedulerState } from '../../root/state';
import type { Config } from '../../kernel/records';
import { NS_PER_SECOND } from '../../kernel/time';

const S = {
    runDue: sig([], C.ResultDueRun),
    setFeeBps: sig([IDL.Nat32], C.ResultConfig),
    setFeeAccount: sig([C.Account], C.ResultConfig),
    setRequestTimeout: sig([IDL.Nat64], C.ResultConfig),
    setToken: sig([C.TokenInit], C.ResultConfig),
    benchSeed: sig([IDL.Nat64, IDL.Principal, IDL.Nat32, IDL.Nat32], C.ResultOf(IDL.Nat32))
};

/** Query signatures (reply headers warmed at install and upgrade: a query's heap is discarded). */
const Q = {
    getConfig: sig([], C.ConfigIdl),
    scheduler: sig([], C.SchedulerState)
};

function configure(action: string, change: (c: Config) => Config) {
    const denied = controllerOnly(action);
    if (denied !== null) return denied;
    return { Ok: C.configOut(market().updateConfig(change)) };
}

export const OperationsEntry = <B extends EntryBase>(Base: B) =>
    class extends Base {
        @query(Q.getConfig.params, Q.getConfig.ret, MANUAL)
        getConfig(): void {
            return Q.getConfig.reply(C.configOut(market().config()));
        }

        @query(Q.scheduler.params, Q.scheduler.ret, MANUAL)
        scheduler(): void {
            const s = schedulerState();
            return Q.scheduler.reply({ ...s, nextDue: s.nextDue === null ? [] : [s.nextDue], timerArmedAt: s.timerArmedAt === null ? [] : [s.timerArmedAt] });
        }

        /** Local benchmarks only (init with benchMode): seeds `count` provisioned contracts. Controllers. */
        @update(S.benchSeed.params, S.benchSeed.ret, MANUAL)
        benchSeed(): void {
            const [offeringId, tenant, count, hours] = S.benchSeed.args() as [bigint, Principal, number, number];
            const denied = controllerOnly('benchSeed');
            if (denied !== null) return S.benchSeed.reply(denied);
            S.benchSeed.reply(market().seedForBench(offeringId, tenant.toText(), count, hours));
        }

        /** Runs one batch of the due-time work now (controllers; the timer does this on its own). */
        @update(S.runDue.params, S.runDue.ret, MANUAL)
        async runDue(): Promise<void> {
            const denied = controllerOnly('runDue');
            if (denied !== null) return S.runDue.reply(denied);
            return S.runDue.reply({ Ok: await market().runDue() });
        }

        @update(S.setFeeBps.params, S.setFeeBps.ret, MANUAL)
        setFeeBps(): void {
            const [bps] = S.setFeeBps.args() as [number];
            if (bps > 10_000) return S.setFeeBps.reply({ Err: { InvalidInput: { field: 'bps', reason: 'at most 10000' } } });
            return S.setFeeBps.reply(configure('setFeeBps', (c) => ({ ...c, feeBps: bps })));
        }

        @update(S.setFeeAccount.params, S.setFeeAccount.ret, MANUAL)
        setFeeAccount(): void {
            const [a] = S.setFeeAccount.args() as [C.CAccount];
            return S.setFeeAccount.reply(configure('setFeeAccount', (c) => ({ ...c, feeAccount: C.accountIn(a) })));
        }

        @update(S.setRequestTimeout.params, S.setRequestTimeout.ret, MANUAL)
        setRequestTimeout(): void {
            const [seconds] = S.setRequestTimeout.args() as [bigint];
            if (seconds < 60n) return S.setRequestTimeout.reply({ Err: { InvalidInput: { field: 'seconds', reason: 'at least 60' } } });
            return S.setRequestTimeout.reply(configure('setRequestTimeout', (c) => ({ ...c, requestTimeoutNs: seconds * NS_PER_SECOND })));
        }

        /** Adds or replaces a token's ledger (symbol, ledger canister, decimals, fee). */
        @update(S.setToken.params, S.setToken.ret, MANUAL)
        setToken(): void {
            const [t] = S.setToken.args() as [{ symbol: string; ledger: Principal; decimals: number; fee: bigint }];
            const token = { symbol: t.symbol, ledger: t.ledger.toText(), decimals: t.decimals, fee: t.fee };
            return S.setToken.reply(configure('setToken', (c) => ({ ...c, tokens: [...c.tokens.filter((x) => x.symbol !== t.symbol), token] })));
        }
    };
