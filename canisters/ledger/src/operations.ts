// One function per update: Candid in, Candid out, the rules from ./domain in between.
import type { Principal } from 'azle';
import type {
    CandidApproveArgs,
    CandidApproveResult,
    CandidTransferArgs,
    CandidTransferFromArgs,
    CandidTransferFromResult,
    CandidTransferResult
} from './candid';
import { approveRequest, transferFromRequest, transferRequest } from './convert';
import {
    applyEffects,
    planApprove,
    planTransfer,
    planTransferFrom,
    type Effects,
    type Result
} from './domain';
import type { StableLedgerStore } from './storage';
import { certifyTip } from './tip';

function commit<E>(
    store: StableLedgerStore,
    planned: Result<Effects, E>,
    now: bigint
): Result<bigint, E> {
    if ('Err' in planned) return planned;
    const index = applyEffects(store, planned.Ok, now);
    certifyTip(store);
    return { Ok: index };
}

export function transfer(
    store: StableLedgerStore,
    caller: Principal,
    args: CandidTransferArgs,
    now: bigint
): CandidTransferResult {
    const request = transferRequest(caller, args);
    if ('Err' in request) return request;
    store.pruneDedup(now);
    return commit(store, planTransfer(store, request.Ok, now), now);
}

export function approve(
    store: StableLedgerStore,
    caller: Principal,
    args: CandidApproveArgs,
    now: bigint
): CandidApproveResult {
    const request = approveRequest(caller, args);
    if ('Err' in request) return request;
    store.pruneDedup(now);
    return commit(store, planApprove(store, request.Ok, now), now);
}

export function transferFrom(
    store: StableLedgerStore,
    caller: Principal,
    args: CandidTransferFromArgs,
    now: bigint
): CandidTransferFromResult {
    const request = transferFromRequest(caller, args);
    if ('Err' in request) return request;
    store.pruneDedup(now);
    return commit(store, planTransferFrom(store, request.Ok, now), now);
}
