// Test-only fault injection (see README.md). A trap rolls back everything the message did, so the
// faults that must leave a trace (the consumed count, the applied transfer) first commit through
// an await on a self-call, and only then trap.
import { call, canisterSelf, trap } from 'azle';
import { faultError, type FaultMethod } from './domain';
import type { StableLedgerStore } from './storage';

export const COMMIT_POINT_METHOD = 'fault_commit_point';

type WithFaultErrors<R> = R | { Err: NonNullable<ReturnType<typeof faultError>> };

export async function withFaults<R>(
    store: StableLedgerStore,
    method: FaultMethod,
    run: () => R
): Promise<WithFaultErrors<R>> {
    const fault = store.takeFault(method);
    if (fault === null) return run();
    const error = faultError(fault);
    if (error !== null) return { Err: error };
    if ('Trap' in fault) {
        await commitPoint();
        trap(`injected fault: ${method} trapped`);
    }
    const result = run();
    await commitPoint();
    trap(`injected fault: ${method} was applied but its reply is lost (${describe(result)})`);
}

/** Everything done before this await is committed, whatever happens after it. */
async function commitPoint(): Promise<void> {
    await call(canisterSelf(), COMMIT_POINT_METHOD);
}

function describe(result: unknown): string {
    if (typeof result === 'object' && result !== null && 'Ok' in result) {
        return `block ${String(result.Ok)}`;
    }
    return 'it returned an error';
}
