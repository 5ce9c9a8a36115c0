// Actors for tests: Candid encode/decode with the idlFactory, switchable sender, typed rejects.
import { IDL } from '@dfinity/candid';
import type { Identity } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';

import type { CallOutcome, RejectCode } from '../types.js';

/**
 * A rejected call. The message has the same form as pic-js's ("Canister call failed: <message>.
 * Reject code: <n>. Error code: <ICxxxx>.") so that assertions work on both.
 */
export class CallRejectedError extends Error {
    constructor(
        readonly rejectCode: RejectCode,
        readonly errorCode: string,
        readonly rejectMessage: string
    ) {
        super(`Canister call failed: ${rejectMessage}. Reject code: ${rejectCode}. Error code: ${errorCode}.`);
        this.name = 'CallRejectedError';
    }
}

export function unwrap(outcome: CallOutcome): Uint8Array {
    if (outcome.status === 'replied') return outcome.reply;
    throw new CallRejectedError(outcome.rejectCode, outcome.errorCode, outcome.rejectMessage);
}

export type ActorMethod<Args extends unknown[] = unknown[], Ret = unknown> = (...args: Args) => Promise<Ret>;
export type ActorInterface<T = object> = { [K in keyof T]: ActorMethod };

export interface ActorControls {
    setPrincipal(principal: Principal): void;
    setIdentity(identity: Identity): void;
    readonly canisterId: Principal;
}
export type Actor<T = ActorInterface> = T & ActorControls;

export type DeferredActor<T = ActorInterface> = {
    [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<() => Promise<R>> : never;
} & ActorControls;

export interface CallTransport {
    /** Executes a query now. */
    query(canisterId: Principal, method: string, arg: Uint8Array, sender: Principal): CallOutcome;
    /** Submits an update; the returned function runs the IC until it is done and gives the outcome. */
    submit(canisterId: Principal, method: string, arg: Uint8Array, sender: Principal): () => CallOutcome;
}

export function decodeReply(func: IDL.FuncClass, reply: Uint8Array): unknown {
    const values = IDL.decode(func.retTypes, reply);
    if (values.length === 0) return undefined;
    if (values.length === 1) return values[0];
    return values;
}

function serviceFields(idlFactory: IDL.InterfaceFactory): [string, IDL.FuncClass][] {
    const service = idlFactory({ IDL });
    return service._fields;
}

function controls(canisterId: Principal, state: { sender: Principal }): ActorControls {
    return {
        canisterId,
        setPrincipal(p: Principal) {
            state.sender = p;
        },
        setIdentity(identity: Identity) {
            state.sender = Principal.fromUint8Array(identity.getPrincipal().toUint8Array());
        }
    };
}

const isQuery = (f: IDL.FuncClass): boolean => f.annotations.includes('query') || f.annotations.includes('composite_query');

export function createActor<T>(idlFactory: IDL.InterfaceFactory, canisterId: Principal, transport: CallTransport): Actor<T> {
    const state = { sender: Principal.anonymous() };
    const actor: Record<string, unknown> = { ...controls(canisterId, state) };
    for (const [name, func] of serviceFields(idlFactory)) {
        actor[name] = async (...args: unknown[]): Promise<unknown> => {
            const arg = new Uint8Array(IDL.encode(func.argTypes, args));
            const outcome = isQuery(func)
                ? transport.query(canisterId, name, arg, state.sender)
                : transport.submit(canisterId, name, arg, state.sender)();
            return decodeReply(func, unwrap(outcome));
        };
    }
    return actor as Actor<T>;
}

export function createDeferredActor<T>(
    idlFactory: IDL.InterfaceFactory,
    canisterId: Principal,
    transport: CallTransport
): DeferredActor<T> {
    const state = { sender: Principal.anonymous() };
    const actor: Record<string, unknown> = { ...controls(canisterId, state) };
    for (const [name, func] of serviceFields(idlFactory)) {
        actor[name] = async (...args: unknown[]): Promise<() => Promise<unknown>> => {
            const arg = new Uint8Array(IDL.encode(func.argTypes, args));
            if (isQuery(func)) {
                const outcome = transport.query(canisterId, name, arg, state.sender);
                return async () => decodeReply(func, unwrap(outcome));
            }
            const wait = transport.submit(canisterId, name, arg, state.sender);
            return async () => decodeReply(func, unwrap(wait()));
        };
    }
    return actor as DeferredActor<T>;
}
