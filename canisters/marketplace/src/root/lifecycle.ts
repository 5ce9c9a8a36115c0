// The canister's lifecycle: init, postUpgrade, inspect_message and ping, the base the modules'
// entries are stacked on (index.ts). No rules here: they live in the modules.
import { IDL, init, inspectMessage, postUpgrade, Principal, update } from 'azle';

import type { Config } from '../kernel/records';
import { withRelays } from '../reporters/exports';
import * as C from './candid';
import { inspect } from './inspect';
import { warmAll } from '../platform/reply';
import { armTimers, loadMarket, runPostUpgradeHooks } from './state';

const DEFAULT_TOKENS = {
    tokens: [
        { symbol: 'ICP', ledger: Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai'), decimals: 8, fee: 10_000n },
        { symbol: 'ckUSDC', ledger: Principal.fromText('xevnm-gaaaa-aaaar-qafnq-cai'), decimals: 6, fee: 10_000n }
    ],
    requestTimeoutSeconds: [],
    feeBps: [],
    relays: [],
    feeAccount: [],
    benchMode: [],
    icpay: [],
    listingFee: []
};

/** Encodes each reply type's header once (init and postUpgrade: their heap persists). */
function warmReplies(): void {
    // Every `sig` of the canister, the trust module's included.
    warmAll();
}

export class CanisterLifecycle {
    // ------------------------------------------------------------ lifecycle

    @init([IDL.Opt(C.InitArgs)])
    initMarket(args: [] | [any]): void {
        const m = loadMarket();
        m.init(C.configIn(args[0] ?? DEFAULT_TOKENS));
        warmReplies();
        armTimers();
    }

    @postUpgrade([IDL.Opt(C.InitArgs)])
    postUpgradeMarket(args: [] | [any]): void {
        const m = loadMarket();
        m.rebuild();
        if (args.length === 1) {
            const a = C.configIn(args[0]);
            m.updateConfig((c): Config => ({
                tokens: a.tokens.length > 0 ? a.tokens : c.tokens,
                requestTimeoutNs: a.requestTimeoutNs ?? c.requestTimeoutNs,
                feeBps: a.feeBps ?? c.feeBps,
                // Given relays become exactly the relay-role holders; monitor roles are kept.
                reporters: a.relays !== undefined && a.relays.length > 0 ? withRelays(c.reporters, a.relays, m.clock()) : c.reporters,
                feeAccount: a.feeAccount ?? c.feeAccount,
                benchMode: c.benchMode,
                icpay: a.icpay ?? c.icpay ?? null,
                listingFee: a.listingFee ?? c.listingFee
            }));
        }
        runPostUpgradeHooks();
        warmReplies();
        armTimers();
    }

    /** Refuses, before execution, what is certain to fail (see inspect.ts). */
    @inspectMessage({ manual: true })
    inspectMessage(): boolean {
        return inspect();
    }

    /** An update that does nothing: the baseline of the benchmark. */
    @update([], IDL.Nat64)
    ping(): bigint {
        return 0n;
    }
}
