// The contract between localnet's parts. The executor/IC core (src/ic/) implements `LocalIc`;
// the HTTP interface (src/http/) and the test API (src/testing/) only use what is declared here.
import type { Principal } from '@dfinity/principal';

/** IC reject codes (interface spec, "Reject codes"). */
export enum RejectCode {
    SysFatal = 1,
    SysTransient = 2,
    DestinationInvalid = 3,
    CanisterReject = 4,
    CanisterError = 5,
    SysUnknown = 6
}

/** Message execution limits of the IC, in instructions. */
export const INSTRUCTION_LIMITS = {
    update: 40_000_000_000n,
    query: 5_000_000_000n,
    upgrade: 300_000_000_000n,
    install: 300_000_000_000n
} as const;

export type CallOutcome =
    | { status: 'replied'; reply: Uint8Array; instructions: bigint }
    | {
          status: 'rejected';
          rejectCode: RejectCode;
          rejectMessage: string;
          /** IC error code such as "IC0503" (trapped), "IC0536" (no method), "IC0301" (no canister). */
          errorCode: string;
          instructions: bigint;
      };

export interface IngressMessage {
    sender: Principal;
    canisterId: Principal;
    methodName: string;
    arg: Uint8Array;
}

/** Ingress request status as `read_state` reports it under `request_status/<id>`. */
export type RequestStatus =
    | { status: 'received' | 'processing' }
    | { status: 'replied'; reply: Uint8Array }
    | { status: 'rejected'; rejectCode: RejectCode; rejectMessage: string; errorCode: string }
    | { status: 'done' };

export interface CanisterInfo {
    canisterId: Principal;
    controllers: Principal[];
    /** sha256 of the installed (uninstrumented) module, or null when empty. */
    moduleHash: Uint8Array | null;
    status: 'running' | 'stopping' | 'stopped';
    cycles: bigint;
    memorySize: bigint;
    certifiedData: Uint8Array;
    /** Custom sections `icp:public <name>` / `icp:private <name>` of the installed module. */
    metadata: Map<string, { visibility: 'public' | 'private'; content: Uint8Array }>;
}

/** Signs state trees; supplied by the HTTP/crypto layer so that canisters can read data certificates. */
export interface Certifier {
    /** CBOR `{tree, signature}` certifying `canister/<id>/certified_data` and `time` (ns). */
    dataCertificate(canisterId: Principal, certifiedData: Uint8Array, timeNs: bigint): Uint8Array;
    /** DER of the root key canisters read with `ic0.root_key_copy` (default: the development key). */
    readonly rootKeyDer?: Uint8Array;
    /** The subnet canisters read with `ic0.subnet_self_copy`. */
    readonly subnetId?: Principal;
}

export interface Clock {
    /** Nanoseconds since the epoch; canister `time()` and timers use it. */
    nowNs(): bigint;
}

export interface LocalIc {
    readonly clock: Clock;
    /** Moves canister time (tests and the dev endpoint). Time never goes backwards. */
    setTimeNs(t: bigint): void;
    advanceTimeMs(ms: number): void;

    /** Enqueue an ingress update; returns at once. Use `runUntilIdle` / `tick` to execute it. */
    submitIngress(message: IngressMessage, requestId: Uint8Array): void;
    requestStatus(requestId: Uint8Array): RequestStatus | undefined;
    /** Every request id in the ingress history, sorted by bytes (certificates prove absence from it). */
    requestIds?(): Uint8Array[];
    /** Submit and execute an update (and everything it triggers) until it has an outcome. */
    update(message: IngressMessage): CallOutcome;
    /** A query: executed at once on a snapshot; its changes are always discarded. */
    query(message: IngressMessage): CallOutcome;

    /**
     * Execute one round: heartbeats and due timers, then every queued message, including the
     * messages those produce (subnet-local inner rounds, capped at 100), like a PocketIC tick.
     * Returns the number of executions.
     */
    tick(): number;
    /** Execute rounds until nothing is queued and no timer is due. */
    runUntilIdle(maxRounds?: number): void;

    canisterInfo(canisterId: Principal): CanisterInfo | undefined;
    canisterIds(): Principal[];
    /** Debug prints of a canister, in order, with canister time. */
    logs(canisterId: Principal): { idx: bigint; timeNs: bigint; message: string }[];
    /** Development faucet of the cycles ledger: credits `owner`, returns its balance. */
    mintCycles?(owner: Principal, amount: bigint): bigint;
    /** Whether `id` is a system canister the IC implements in the host (the CMC, the cycles ledger). */
    isSystemCanister?(id: Principal): boolean;
}
