/**
 * Canister `Err` variants become a typed error: `.type` is the variant name, `.details` its payload.
 * Callers match on `.type` (e.g. `err.type === 'InsufficientFunds'`).
 */
export class CanisterError<T extends string = string> extends Error {
    override name = 'CanisterError';
    constructor(
        public readonly type: T,
        public readonly details: unknown,
        public readonly method?: string
    ) {
        super(describeVariant(type, details));
    }
}

let amountText: (v: bigint) => string = (v) => `${v.toString()} base units`;

/** Lets error sentences show amounts in the token's own units once the token is known. */
export function setErrorAmountFormat(f: (v: bigint) => string): void {
    amountText = f;
}

type Payload = Record<string, unknown>;
const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(String(v ?? 0)));
const str = (v: unknown): string => (typeof v === 'bigint' ? v.toString() : String(v ?? ''));
/** The batch item at fault (`index : opt nat32`), counted from 1 for people. */
const item = (d: Payload): string => (Array.isArray(d.index) && d.index.length === 1 ? ` (item ${Number(d.index[0]) + 1})` : '');

const FIELD_NAMES: Record<string, string> = {
    hours: 'The number of hours',
    pricePerMonth: 'The monthly price',
    setupFee: 'The setup fee',
    stock: 'The stock',
    name: 'The name',
    description: 'The description',
    minHours: 'The minimum rental',
    maxHours: 'The maximum rental',
    cpuCores: 'The CPU cores',
    ramMb: 'The memory',
    storageGb: 'The storage',
    bandwidthMbps: 'The bandwidth',
    gpuCount: 'The GPU count',
    uptimeTargetBps: 'The uptime target',
    firstResponseMinutes: 'The first-response time',
    amount: 'The amount'
};

/** One human sentence per typed error the canisters and the ledger return. */
const SENTENCES: Record<string, (d: Payload) => string> = {
    NotFound: (d) => `This ${str(d.what) || 'item'} does not exist, or you cannot see it.`,
    InvalidInput: (d) => `${FIELD_NAMES[str(d.field)] ?? `The ${str(d.field).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`} ${str(d.reason)}${item(d)}.`.replace(/\.\.$/, '.'),
    Underpaid: (d) => `The payment of ${amountText(big(d.paid))} is less than the ${amountText(big(d.due))} due.`,
    AmountBelowFee: (d) => `${amountText(big(d.amount))} is not more than the ledger fee of ${amountText(big(d.fee))}, so nothing can be sent.`,
    OutOfStock: () => 'This offering is sold out right now.',
    InsufficientBalance: (d) => `You asked for ${amountText(big(d.requested))}, but only ${amountText(big(d.available))} is available.`,
    InvalidTransition: (d) => `A contract that is ${str(d.from).toLowerCase()} cannot become ${str(d.to).toLowerCase()}.`,
    NothingDue: () => 'Nothing is due on this contract: it is already paid.',
    FundingInProgress: () => 'A payment for this contract is already on its way; wait a moment and reload.',
    LedgerError: (d) => `The ledger refused the ${str(d.operation) || 'transfer'}: ${str(d.message)}.`,
    Unauthorized: (d) => `You are not allowed to ${str(d.action) || 'do this'}${d.reason ? `: ${str(d.reason)}` : ''}.`,
    AlreadyExists: (d) => `This ${str(d.what) || 'item'} already exists.`,
    InsufficientLedgerBalance: () => "The marketplace's ledger account does not cover this yet; try again in a moment.",
    TransferInFlight: () => 'A transfer is already in progress; its result shows on the wallet page shortly.',
    PaymentAlreadyCredited: () => 'This payment has already been credited.',
    InvalidState: (d) => `This cannot be done while the contract is ${str(d.status).toLowerCase()}.`,
    UnknownToken: (d) => `The marketplace does not accept the token ${str(d.token)}.`,
    NotEligible: (d) => `Not possible: ${str(d.reason)}.`,
    AlreadyAnswered: (d) => `You have already answered for contract ${str(d.contractId)}.`,
    NotAssigned: (d) => `The monitor ${str(d.monitor)} is not assigned to contract ${str(d.contractId)}.`,
    QuotaExceeded: (d) => `You have reached the limit of ${str(d.limit)} ${str(d.what) || 'items'}; finish or cancel one before adding another.`,
    Inconsistent: (d) => `The data does not add up: ${str(d.reason)}${item(d)}.`,
    // ICRC-1/2 ledger errors (approve, transfer).
    InsufficientFunds: (d) => `Your wallet holds only ${amountText(big(d.balance))}, not enough for this payment and its ledger fees.`,
    BadFee: (d) => `The ledger fee changed to ${amountText(big(d.expected_fee))}; reload and try again.`,
    TemporarilyUnavailable: () => 'The ledger is temporarily unavailable; try again in a moment.',
    GenericError: (d) => `The ledger refused: ${str(d.message)}.`,
    Duplicate: () => 'This transfer was already made.',
    TooOld: () => 'The request is too old for the ledger; try again.',
    CreatedInFuture: () => 'Your clock is ahead of the ledger; try again in a moment.',
    AllowanceChanged: () => 'The approval changed meanwhile; try again.',
    Expired: () => 'The approval expired; try again.',
    Message: (d) => str(d)
};

function describeVariant(type: string, details: unknown): string {
    const sentence = SENTENCES[type];
    if (sentence !== undefined) {
        try {
            return sentence((details ?? {}) as Payload);
        } catch {
            /* fall through to the generic sentence */
        }
    }
    return `The request failed (${type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}).`;
}

/** Converts an Err payload (a Candid variant `{Name: payload}`, a text, or anything) to an error. */
export function toCanisterError(err: unknown, method?: string): CanisterError {
    if (typeof err === 'string') return new CanisterError('Message', err, method);
    if (err !== null && typeof err === 'object') {
        const keys = Object.keys(err);
        if (keys.length === 1) {
            const k = keys[0]!;
            return new CanisterError(k, (err as Record<string, unknown>)[k], method);
        }
    }
    return new CanisterError('Unknown', err, method);
}

export type CandidResult<T, E = unknown> = { Ok: T } | { Err: E };

/** Returns `Ok`'s value, throws a `CanisterError` for `Err`. Plain values pass through. */
export function unwrap<T>(result: CandidResult<T> | T, method?: string): T {
    if (result !== null && typeof result === 'object') {
        if ('Ok' in result && Object.keys(result).length === 1) return (result as { Ok: T }).Ok;
        if ('Err' in result && Object.keys(result).length === 1) {
            throw toCanisterError((result as { Err: unknown }).Err, method);
        }
    }
    return result as T;
}

export function isCanisterError(e: unknown, type?: string): e is CanisterError {
    return e instanceof CanisterError && (type === undefined || e.type === type);
}

/** A message fit for a person, for any error the app shows. */
export function errorMessage(e: unknown): string {
    if (e instanceof CanisterError) return e.message;
    if (e instanceof Error) {
        if (/Failed to fetch|NetworkError|fetch failed|TypeError: Load failed/i.test(e.message)) {
            return 'The Internet Computer could not be reached. Check your connection and reload: the page shows what went through.';
        }
        // Agent errors carry long multi-line diagnostics; the reject text is what a person can act on.
        const m = /Reject (?:text|message): (.*)/i.exec(e.message);
        if (m?.[1]) return `The canister refused the request: ${m[1]}`;
        return e.message.split('\n')[0] ?? e.message;
    }
    return String(e);
}
