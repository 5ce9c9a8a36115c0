// The one object that delivery, install, rounds and the management canister receive from the IC
// core: the engine's, the router's and the canister table's operations behind the narrow views of
// host.ts, so the facade (local_ic.ts) keeps only its public API.
import type { Principal } from '@dfinity/principal';

import { methodExport, unavailable, type CanisterTable } from './canister_table.js';
import type { ExecutionEngine } from './engine.js';
import type { InstallHost, ManagementHost } from './host.js';
import { installCode, uninstallCode } from './install.js';
import type { RoundHost } from './rounds.js';
import type { CallRouter } from './router.js';
import type { Canister, Message } from './state.js';
import type { BuiltinCanister } from './system/builtin.js';

export type CoreHost = RoundHost & InstallHost & ManagementHost;

export interface CoreParts {
    readonly table: CanisterTable;
    readonly engine: ExecutionEngine;
    readonly router: CallRouter;
    readonly clock: RoundHost['clock'];
    nextRandom(): Uint8Array;
    readonly builtins: Map<string, BuiltinCanister>;
    handleManagement(m: Extract<Message, { kind: 'request' }>): void;
}

export function coreHost(p: CoreParts): CoreHost {
    const { table, engine, router } = p;
    const host: CoreHost = {
        clock: p.clock,
        get limits() {
            return engine.limits;
        },
        get costSchedule() {
            return engine.costSchedule;
        },
        canisters: table.map,
        get queueLength() {
            return router.queue.length;
        },
        canister: (id: Principal) => table.get(id),
        createCanisterNow: (controllers, cycles, specifiedId) => table.create(controllers, cycles, specifiedId),
        deleteCanisterNow: (c: Canister) => {
            router.dropCallContexts(c, 'Canister has been deleted');
            table.map.delete(c.id.toText());
        },
        nextRandom: () => p.nextRandom(),
        newRuntime: (c, prepared) => engine.newRuntime(c, prepared),
        prepare: (wasm, canisterId) => engine.prepare(wasm, canisterId),
        invoke: (e, run) => engine.invoke(e, run),
        execute: (e, run, discard) => engine.execute(e, run, discard),
        clearCurrent: () => engine.clearCurrent(),
        applyEffects: (e) => router.applyEffects(e),
        newCallContext: (origin, caller, methodName, cycles) => router.newCallContext(origin, caller, methodName, cycles),
        trapResponse: (c, trap) => router.trapResponse(c, trap),
        respond: (c, ctx, response) => router.respond(c, ctx, response),
        route: (origin, from, response, refund, instructions) => router.route(origin, from, response, refund, instructions),
        closeIfDone: (c, ctx, trap) => router.closeIfDone(c, ctx, trap),
        checkStopped: (c) => router.checkStopped(c),
        dropCallContexts: (c, why) => router.dropCallContexts(c, why),
        methodExport,
        builtin: (id) => p.builtins.get(id.toText()),
        unavailable,
        takeQueue: () => {
            const batch = router.queue;
            router.queue = [];
            return batch;
        },
        handleManagement: (m) => p.handleManagement(m),
        installCode: (c, sender, mode, wasm, arg, skipPreUpgrade) => installCode(host, c, sender, mode, wasm, arg, skipPreUpgrade),
        uninstallCode: (c) => uninstallCode(host, c)
    };
    return host;
}
