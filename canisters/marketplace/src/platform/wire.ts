// A small Candid decoder driven by the wire type table, for ledger replies: `IDL.decode` costs
// tens of millions of instructions in the canister, this a fraction of it. Values come back keyed
// by field name when the name is in `NAMES`, else by the field's numeric id.
const NAMES = [
    'Ok', 'Err', 'GenericError', 'TemporarilyUnavailable', 'BadBurn', 'Duplicate', 'BadFee', 'CreatedInFuture', 'TooOld',
    'InsufficientFunds', 'InsufficientAllowance', 'message', 'error_code', 'min_burn_amount', 'duplicate_of', 'expected_fee',
    'ledger_time', 'balance', 'allowance', 'log_length', 'blocks', 'index', 'timestamp', 'created_at_time', 'memo', 'operation',
    'Transfer', 'from', 'to', 'owner', 'subaccount', 'amount', 'fee',
    // ICRC-3 blocks
    'id', 'block', 'archived_blocks', 'args', 'callback', 'start', 'length', 'Blob', 'Text', 'Nat', 'Int', 'Array', 'Map'
];

export function labelId(s: string): number {
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 223) + s.charCodeAt(i)) >>> 0;
    return h;
}
const BY_ID = new Map(NAMES.map((n) => [labelId(n), n]));

type Entry = { k: 'rec' | 'var'; fields: [number, number][] } | { k: 'opt' | 'vec'; t: number } | { k: 'func' };

class Pipe {
    i = 0;
    constructor(readonly b: Uint8Array) {}
    byte(): number {
        if (this.i >= this.b.length) throw new Error('candid: unexpected end');
        return this.b[this.i++]!;
    }
    leb(): bigint {
        let n = 0;
        let mul = 1;
        for (;;) {
            const x = this.byte();
            n += (x & 0x7f) * mul;
            if (x < 0x80) break;
            mul *= 128;
            if (mul > 2 ** 49) return this.lebBig(BigInt(n), mul);
        }
        return BigInt(n);
    }
    private lebBig(acc: bigint, mul: number): bigint {
        let n = acc;
        let m = BigInt(mul);
        for (;;) {
            const x = this.byte();
            n += BigInt(x & 0x7f) * m;
            if (x < 0x80) return n;
            m *= 128n;
        }
    }
    lebN(): number {
        return Number(this.leb());
    }
    slebBig(): bigint {
        let n = 0n;
        let shift = 0n;
        let x: number;
        do {
            x = this.byte();
            n |= BigInt(x & 0x7f) << shift;
            shift += 7n;
        } while (x >= 0x80);
        return x & 0x40 ? n - (1n << shift) : n;
    }
    sleb(): number {
        let n = 0;
        let mul = 1;
        let x: number;
        do {
            x = this.byte();
            n += (x & 0x7f) * mul;
            mul *= 128;
        } while (x >= 0x80);
        return x & 0x40 ? n - mul : n;
    }
    take(n: number): Uint8Array {
        if (this.i + n > this.b.length) throw new Error('candid: unexpected end');
        const out = this.b.subarray(this.i, this.i + n);
        this.i += n;
        return out;
    }
}

function value(p: Pipe, t: number, table: Entry[]): unknown {
    if (t >= 0) {
        const e = table[t]!;
        if (e.k === 'rec') {
            const o: Record<string, unknown> = {};
            for (const [id, ft] of e.fields) o[BY_ID.get(id) ?? String(id)] = value(p, ft, table);
            return o;
        }
        if (e.k === 'var') {
            const [id, ft] = e.fields[p.lebN()]!;
            return { [BY_ID.get(id) ?? String(id)]: value(p, ft, table) };
        }
        if (e.k === 'func') return funcRef(p);
        const inner = (e as { t: number }).t;
        if (e.k === 'opt') return p.byte() === 0 ? [] : [value(p, inner, table)];
        const n = p.lebN();
        if (inner === -5) return p.take(n);
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) out.push(value(p, inner, table));
        return out;
    }
    switch (t) {
        case -1: // null
        case -16: // reserved
            return null;
        case -2:
            return p.byte() === 1;
        case -3:
            return p.leb();
        case -4:
            return p.slebBig();
        case -5:
            return p.byte();
        case -6:
        case -7:
        case -8: {
            const n = t === -6 ? 2 : t === -7 ? 4 : 8;
            let v = 0n;
            const b = p.take(n);
            for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
            return n === 8 ? v : Number(v);
        }
        case -15:
            return latin1(p.take(p.lebN()));
        case -24: {
            // principal: 1 (an id, not opaque), length, bytes — returned as its bytes
            if (p.byte() !== 1) throw new Error('candid: opaque principal');
            return p.take(p.lebN());
        }
        default:
            throw new Error(`candid: unsupported type ${t}`);
    }
}

/** Text as one char per byte: the ledger's field names and method names are ASCII. */
function latin1(b: Uint8Array): string {
    let s = '';
    for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
    return s;
}

/** A func reference, as `[principal bytes, method name]`. */
function funcRef(p: Pipe): [Uint8Array, string] {
    if (p.byte() !== 1 || p.byte() !== 1) throw new Error('candid: opaque func reference');
    const principal = p.take(p.lebN());
    return [principal, latin1(p.take(p.lebN()))];
}

function skipFuncType(p: Pipe): void {
    for (let side = 0; side < 2; side++) for (let n = p.lebN(); n > 0; n--) p.sleb();
    p.take(p.lebN());
}

/** Decodes a single-value Candid message. */
export function decodeOne(bytes: Uint8Array): unknown {
    const p = new Pipe(bytes);
    if (p.byte() !== 0x44 || p.byte() !== 0x49 || p.byte() !== 0x44 || p.byte() !== 0x4c) throw new Error('candid: bad magic');
    const table: Entry[] = [];
    const n = p.lebN();
    for (let i = 0; i < n; i++) {
        const op = p.sleb();
        if (op === -20 || op === -21) {
            const m = p.lebN();
            const fields: [number, number][] = [];
            for (let j = 0; j < m; j++) fields.push([p.lebN(), p.sleb()]);
            table.push({ k: op === -20 ? 'rec' : 'var', fields });
        } else if (op === -18 || op === -19) table.push({ k: op === -18 ? 'opt' : 'vec', t: p.sleb() });
        else if (op === -22) {
            skipFuncType(p);
            table.push({ k: 'func' });
        }
        else throw new Error(`candid: unsupported type constructor ${op}`);
    }
    const args = p.lebN();
    if (args < 1) throw new Error('candid: no value');
    const types: number[] = [];
    for (let i = 0; i < args; i++) types.push(p.sleb());
    return value(p, types[0]!, table);
}
