// Compact serializers for the stable maps. Records are packed into positional arrays (no keys,
// bigints as decimal strings, bytes as hex) and written with the engine's native JSON.stringify,
// avoiding the per-key replacer of Azle's default stableJson. Keys that are ids are 8-byte
// big-endian, so the maps iterate in id order.
import { utf8 } from '../../../common/utf8';
import { recordLayout, type RecordLayout } from '../kernel/record';
import { STATUSES, type Account, type Config, type Contract, type JournalEntry, type JournalKind, type Offering, type Provider, type Role, type Status, type Transfer } from '../kernel/records';

export interface Serializable<T> {
    toBytes(v: T): Uint8Array;
    fromBytes(b: Uint8Array): T;
}

/** UTF-8 decode with native string functions only (no per-byte JS loop). */
export function fromUtf8(b: Uint8Array): string {
    let s = '';
    const CH = 8192;
    for (let i = 0; i < b.length; i += CH) s += String.fromCharCode.apply(null, b.subarray(i, i + CH) as unknown as number[]);
    // Bytes ≥ 0x80 are UTF-8 sequences: decode them natively.
    return /[\x80-\xff]/.test(s) ? decodeURIComponent(escape(s)) : s;
}

/**
 * Stored values are UTF-8 text framed as a Candid `text` message (DIDL, no types, one `text`,
 * LEB128 length, bytes), so that the canister can produce them with the runtime's native Candid
 * encoder. Both framings are read back; the portable encoder writes the same frame.
 */
const HEX = '0123456789abcdef';
export function hex(b: Uint8Array | null): string {
    if (b === null) return '';
    let s = '';
    for (let i = 0; i < b.length; i++) s += HEX[b[i]! >> 4]! + HEX[b[i]! & 15]!;
    return s;
}
export function unhex(s: string): Uint8Array {
    const b = new Uint8Array(s.length / 2);
    for (let i = 0; i < b.length; i++) b[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
    return b;
}

export const idKey: Serializable<bigint> = {
    toBytes(v) {
        const b = new Uint8Array(8);
        let x = v;
        for (let i = 7; i >= 0; i--) {
            b[i] = Number(x & 0xffn);
            x >>= 8n;
        }
        return b;
    },
    fromBytes(b) {
        let x = 0n;
        for (let i = 0; i < 8; i++) x = (x << 8n) | BigInt(b[i]!);
        return x;
    }
};

export const textKey: Serializable<string> = { toBytes: utf8, fromBytes: fromUtf8 };

/** Candid `text` frame: "DIDL" 00 01 71 leb(len) bytes (portable version). */
export function jsFrameText(s: string): Uint8Array {
    const body = utf8(s);
    const len: number[] = [];
    let n = body.length;
    do {
        len.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
        n >>>= 7;
    } while (n > 0);
    const out = new Uint8Array(7 + len.length + body.length);
    out.set([0x44, 0x49, 0x44, 0x4c, 0x00, 0x01, 0x71], 0);
    out.set(len, 7);
    out.set(body, 7 + len.length);
    return out;
}

let framer: (s: string) => Uint8Array = jsFrameText;
/**
 * The canister swaps in the runtime's native Candid encoder: per-character JS loops cost
 * thousands of instructions per byte in the canister's JS engine. It must produce the same frame.
 */
export function setTextFramer(f: (s: string) => Uint8Array): void {
    framer = f;
}
export const frameText = (s: string): Uint8Array => framer(s);

/** UTF-8 bytes of `s` by the same frame (natively in the canister: the runtime's TextEncoder is a JS polyfill). */
export function utf8Bytes(s: string): Uint8Array {
    const b = framer(s);
    let i = 7;
    while (b[i]! & 0x80) i++;
    return b.subarray(i + 1);
}

export function unframeText(b: Uint8Array): string {
    let i = 7;
    while (b[i]! & 0x80) i++;
    return fromUtf8(b.subarray(i + 1));
}

/** A record packed into a positional array, under its layout version (kernel/record.ts). */
function packed<T>(name: string, version: number, pack: (v: T) => unknown[], unpack: (a: any[], version: number) => T): Serializable<T> & { layout: RecordLayout<T> } {
    const layout = recordLayout(name, version, pack, unpack);
    return {
        layout,
        toBytes: (v) => frameText(layout.write(v)),
        fromBytes: (b) => layout.read(unframeText(b))
    };
}

const big = (s: string): bigint => BigInt(s);
const optBig = (s: string | null): bigint | null => (s === null ? null : BigInt(s));
const str = (v: bigint | null): string | null => (v === null ? null : v.toString());

const packAccount = (a: Account): unknown[] => [a.owner, hex(a.subaccount)];
const unpackAccount = (a: any[]): Account => ({ owner: a[0], subaccount: a[1] === '' ? null : unhex(a[1]) });

const ROLES: Role[] = ['tenant', 'provider', 'relay', 'controller', 'system'];
const statusIx = (s: Status): number => STATUSES.indexOf(s);

export const contractCodec = packed<Contract>(
    'contract',
    1,
    (c) => [
        c.id.toString(), c.offeringId.toString(), c.provider, c.tenant, c.token, statusIx(c.status), c.statusSince.toString(),
        c.createdAt.toString(), c.feeBps,
        c.quote === null ? null : [c.quote.hours, c.quote.amount.toString(), c.quote.setupFee.toString()],
        c.pendingPull === null ? null : [c.pendingPull.amount.toString(), c.pendingPull.createdAtTime.toString(), hex(c.pendingPull.memo), c.pendingPull.uncertain ? 1 : 0],
        c.segments.map((s) => [s.hours, s.amount.toString(), s.start.toString(), s.end.toString()]),
        c.total.toString(), c.deposited.toString(), c.released.toString(), c.fee.toString(), c.refunded.toString(), c.lastSettled.toString(),
        c.connection,
        // History: the actor is implied for tenant and provider (their principals are on the record).
        c.history.map((h) => [statusIx(h.status), ROLES.indexOf(h.role), h.at.toString(), h.note, h.role === 'tenant' || h.role === 'provider' ? '' : h.actor]),
        // [20]: probe endpoint (absent in records written before it existed).
        c.probe === undefined || c.probe === null ? null : [c.probe.scheme, c.probe.host, c.probe.port, c.probe.path],
        // [21]: history entries compacted away (v2 records).
        c.historyOmitted ?? 0
    ],
    (a) => {
        const provider: string = a[2];
        const tenant: string = a[3];
        return {
            id: big(a[0]), offeringId: big(a[1]), provider, tenant, token: a[4], status: STATUSES[a[5]]!, statusSince: big(a[6]),
            createdAt: big(a[7]), feeBps: a[8],
            quote: a[9] === null ? null : { hours: a[9][0], amount: big(a[9][1]), setupFee: big(a[9][2]) },
            pendingPull: a[10] === null ? null : { amount: big(a[10][0]), createdAtTime: big(a[10][1]), memo: unhex(a[10][2]), uncertain: a[10][3] === 1 },
            segments: a[11].map((s: any[]) => ({ hours: s[0], amount: big(s[1]), start: big(s[2]), end: big(s[3]) })),
            total: big(a[12]), deposited: big(a[13]), released: big(a[14]), fee: big(a[15]), refunded: big(a[16]), lastSettled: big(a[17]),
            connection: a[18],
            probe: Array.isArray(a[20]) ? { scheme: a[20][0], host: a[20][1], port: a[20][2], path: a[20][3] } : null,
            historyOmitted: typeof a[21] === 'number' ? a[21] : 0,
            history: a[19].map((h: any[]) => {
                const role = ROLES[h[1]]!;
                return { status: STATUSES[h[0]]!, role, at: big(h[2]), note: h[3], actor: role === 'tenant' ? tenant : role === 'provider' ? provider : h[4] };
            })
        };
    }
);

export const offeringCodec = packed<Offering>(
    'offering',
    1,
    (o) => [
        o.id.toString(), o.provider, o.active ? 1 : 0, o.inUse, o.createdAt.toString(), o.updatedAt.toString(), o.name, o.description,
        o.productType, o.cpuCores, o.ramMb, o.storageGb, o.bandwidthMbps, o.gpu, o.gpuCount, o.region, o.country, o.city, o.token,
        o.pricePerMonth.toString(), o.setupFee.toString(), o.minHours, o.maxHours, o.stock, o.uptimeTargetBps, o.firstResponseMinutes
    ],
    (a) => ({
        id: big(a[0]), provider: a[1], active: a[2] === 1, inUse: a[3], createdAt: big(a[4]), updatedAt: big(a[5]), name: a[6], description: a[7],
        productType: a[8], cpuCores: a[9], ramMb: a[10], storageGb: a[11], bandwidthMbps: a[12], gpu: a[13], gpuCount: a[14], region: a[15],
        country: a[16], city: a[17], token: a[18], pricePerMonth: big(a[19]), setupFee: big(a[20]), minHours: a[21], maxHours: a[22],
        stock: a[23], uptimeTargetBps: a[24], firstResponseMinutes: a[25]
    })
);

export const providerCodec = packed<Provider>(
    'provider',
    1,
    (p) => [p.id, p.name, p.description, p.website, p.contacts.map((c) => [c.kind, c.value]), packAccount(p.payout), p.registeredAt.toString(), p.updatedAt.toString()],
    (a) => ({
        id: a[0], name: a[1], description: a[2], website: a[3], contacts: a[4].map((c: string[]) => ({ kind: c[0], value: c[1] })),
        payout: unpackAccount(a[5]), registeredAt: big(a[6]), updatedAt: big(a[7])
    })
);

const TRANSFER_KINDS: Transfer['kind'][] = ['Withdrawal', 'Refund', 'FeeWithdrawal', 'Return'];
const TRANSFER_STATUSES: Transfer['status'][] = ['InFlight', 'Done', 'Failed'];

export const transferCodec = packed<Transfer>(
    'transfer',
    1,
    (t) => [
        t.id.toString(), TRANSFER_KINDS.indexOf(t.kind), t.account, t.token, t.amount.toString(), t.ledgerFee.toString(), packAccount(t.to),
        hex(t.memo), t.createdAtTime.toString(), str(t.contractId), TRANSFER_STATUSES.indexOf(t.status), str(t.block), t.attempts,
        t.uncertain ? 1 : 0, t.lastError, t.updatedAt.toString()
    ],
    (a) => ({
        id: big(a[0]), kind: TRANSFER_KINDS[a[1]]!, account: a[2], token: a[3], amount: big(a[4]), ledgerFee: big(a[5]), to: unpackAccount(a[6]),
        memo: unhex(a[7]), createdAtTime: big(a[8]), contractId: optBig(a[9]), status: TRANSFER_STATUSES[a[10]]!, block: optBig(a[11]),
        attempts: a[12], uncertain: a[13] === 1, lastError: a[14], updatedAt: big(a[15])
    })
);

const JOURNAL_KINDS: JournalKind[] = ['Deposit', 'Release', 'Refund', 'SlaCredit', 'TransferStarted', 'TransferDone', 'TransferFailed'];

export const journalCodec = packed<JournalEntry>(
    'journal entry',
    1,
    (e) => [e.seq.toString(), JOURNAL_KINDS.indexOf(e.kind), str(e.contractId), e.account, e.token, e.amount.toString(), e.fee.toString(), e.at.toString(), str(e.block), e.ref],
    (a) => ({
        seq: big(a[0]), kind: JOURNAL_KINDS[a[1]]!, contractId: optBig(a[2]), account: a[3], token: a[4], amount: big(a[5]), fee: big(a[6]),
        at: big(a[7]), block: optBig(a[8]), ref: a[9]
    })
);

const unpackReporter = (r: any[]): Config['reporters'][number] => ({ principal: r[0], roles: r[1] === '' ? [] : r[1].split(','), addedAt: big(r[2]), addedBy: r[3] });

/**
 * Config, version 2: the reporter list at [3] (relays and monitors with their roles). Version 1,
 * written before the list existed, has the relay principals at [3] and no reporters.
 */
export const configCodec = packed<Config>(
    'config',
    2,
    (c) => [
        c.tokens.map((t) => [t.symbol, t.ledger, t.decimals, t.fee.toString()]), c.requestTimeoutNs.toString(), c.feeBps,
        c.reporters.map((r) => [r.principal, r.roles.join(','), r.addedAt.toString(), r.addedBy]),
        c.feeAccount === null ? null : packAccount(c.feeAccount), c.benchMode ? 1 : 0,
        c.icpay == null ? null : [c.icpay.canister, c.icpay.account.toString()]
    ],
    (a, version) => ({
        tokens: a[0].map((t: any[]) => ({ symbol: t[0], ledger: t[1], decimals: t[2], fee: big(t[3]) })),
        requestTimeoutNs: big(a[1]), feeBps: a[2], feeAccount: a[4] === null ? null : unpackAccount(a[4]), benchMode: a[5] === 1,
        reporters: version >= 2 ? a[3].map(unpackReporter) : configV1Reporters(a),
        icpay: version >= 2 && Array.isArray(a[6]) ? { canister: a[6][0], account: big(a[6][1]) } : null
    })
);

/** Version 1 records: the reporter list at [6] when the build that wrote them had one, else the relays at [3]. */
function configV1Reporters(a: any[]): Config['reporters'] {
    if (Array.isArray(a[6])) return a[6].map(unpackReporter);
    return (a[3] as string[]).map((principal) => ({ principal, roles: ['relay'], addedAt: 0n, addedBy: '' }));
}

export const bigintValue: Serializable<bigint> = idKey;
