// Cheap Candid replies. `IDL.encode` rebuilds the type table (hashing every field name) and checks
// the value on every call: for the Result types of this API that was ~80M instructions per reply,
// 60× an empty update. Here the type-table header is computed once per type, and values are
// written by an encoder compiled once per type into one growing buffer.
import { IDL } from '@dfinity/candid';
import { Principal as PrincipalValue, type Principal } from '@dfinity/principal';
import { msgArgData, msgReply } from 'azle';

import { Writer } from './writer';

type Enc = (v: any, w: Writer) => void;

const compiled = new Map<IDL.Type, Enc>();

function compile(t: IDL.Type): Enc {
    const hit = compiled.get(t);
    if (hit !== undefined) return hit;
    let enc: Enc;
    const any = t as any;
    // typeName is "__IDL_RecordClass__" etc.
    switch (String(any.typeName).replace(/^__IDL_/, '').replace(/__$/, '')) {
        case 'RecordClass': {
            const fields: [string, IDL.Type][] = any._fields;
            const parts: [string, Enc][] = [];
            enc = (v, w) => {
                for (let i = 0; i < parts.length; i++) parts[i]![1](v[parts[i]![0]], w);
            };
            compiled.set(t, enc);
            for (const [k, ft] of fields) parts.push([k, compile(ft)]);
            return enc;
        }
        case 'VariantClass': {
            const fields: [string, IDL.Type][] = any._fields;
            const index = new Map<string, [number, Enc]>();
            enc = (v, w) => {
                for (const k in v) {
                    const e = index.get(k);
                    if (e === undefined) continue;
                    w.leb(e[0]);
                    e[1](v[k], w);
                    return;
                }
                throw new Error(`variant has no known tag: ${Object.keys(v).join(',')}`);
            };
            compiled.set(t, enc);
            fields.forEach(([k, ft], i) => index.set(k, [i, compile(ft)]));
            return enc;
        }
        case 'OptClass': {
            const inner = compile(any._type);
            enc = (v, w) => {
                // An absent optional field (`index?` of an error) is `null`.
                if (v === undefined || v.length === 0) w.byte(0);
                else {
                    w.byte(1);
                    inner(v[0], w);
                }
            };
            break;
        }
        case 'VecClass': {
            const elem = any._type as IDL.Type;
            if ((elem as any).typeName === 'FixedNatClass' && (elem as any)._bits === 8) {
                enc = (v, w) => {
                    w.leb(v.length);
                    w.bytes(v instanceof Uint8Array ? v : Uint8Array.from(v));
                };
                break;
            }
            const inner = compile(elem);
            enc = (v, w) => {
                w.leb(v.length);
                for (let i = 0; i < v.length; i++) inner(v[i], w);
            };
            break;
        }
        case 'TextClass':
            enc = (v, w) => w.text(v);
            break;
        case 'NatClass':
            enc = (v, w) => w.leb(v);
            break;
        case 'IntClass':
            enc = (v, w) => w.sleb(BigInt(v));
            break;
        case 'FixedNatClass':
        case 'FixedIntClass': {
            const bytes = any._bits / 8;
            const signed = String(any.typeName).includes('FixedInt');
            enc = (v, w) => w.fixed(v, bytes, signed);
            break;
        }
        case 'FloatClass': {
            const bytes = any._bits / 8;
            enc = (v, w) => {
                w.ensure(bytes);
                if (bytes === 8) w.dv.setFloat64(w.n, v, true);
                else w.dv.setFloat32(w.n, v, true);
                w.n += bytes;
            };
            break;
        }
        case 'TupleClass': {
            const parts: Enc[] = (any._components as IDL.Type[]).map(compile);
            enc = (v, w) => {
                for (let i = 0; i < parts.length; i++) parts[i]!(v[i], w);
            };
            break;
        }
        case 'BoolClass':
            enc = (v, w) => w.byte(v ? 1 : 0);
            break;
        case 'NullClass':
            enc = () => {};
            break;
        case 'PrincipalClass':
            enc = (v: Principal, w) => {
                const b = v.toUint8Array();
                w.byte(1);
                w.leb(b.length);
                w.bytes(b);
            };
            break;
        default:
            enc = (v, w) => w.bytes(new Uint8Array(t.encodeValue(v)));
    }
    compiled.set(t, enc);
    return enc;
}

const headers = new Map<IDL.Type, Uint8Array>();

/** Candid bytes of one value of type `t`; the header is taken from the first full encoding. */
export function encodeOne(t: IDL.Type, v: unknown): Uint8Array {
    const h = headers.get(t) ?? headerOf(t);
    const w = new Writer();
    compile(t)(v, w);
    const out = new Uint8Array(h.length + w.n);
    out.set(h, 0);
    out.set(w.buf.subarray(0, w.n), h.length);
    return out;
}

/**
 * The type table of `t`, from a sample value: the library checks every value strictly, and an
 * error's absent optional field (`index`) is not one it accepts.
 */
function headerOf(t: IDL.Type): Uint8Array {
    const v = sample(t);
    const w = new Writer();
    compile(t)(v, w);
    const full = new Uint8Array(IDL.encode([t], [v]));
    const h = full.slice(0, full.length - w.n);
    // Self-check once per type: the compiled encoder must agree with the library.
    const lib = full.subarray(h.length);
    if (lib.some((b, i) => b !== w.buf[i])) throw new Error(`fast Candid encoder disagrees for ${t.display()}`);
    headers.set(t, h);
    return h;
}

/** A value of type `t` that is cheap to encode: only its header matters (see `warm`). */
function sample(t: IDL.Type): unknown {
    if (t instanceof IDL.OptClass || t instanceof IDL.VecClass) return [];
    if (t instanceof IDL.RecordClass) return Object.fromEntries(t._fields.map(([k, f]) => [k, sample(f)]));
    if (t instanceof IDL.TupleClass) return ((t as unknown as { _components: IDL.Type[] })._components).map(sample);
    if (t instanceof IDL.VariantClass) {
        const [k, f] = t._fields.find(([name]) => name === 'Err') ?? t._fields[0]!;
        return { [k]: sample(f) };
    }
    if (t instanceof IDL.RecClass) return sample(t.getType()!);
    if (t instanceof IDL.TextClass) return '';
    if (t instanceof IDL.BoolClass) return false;
    if (t instanceof IDL.PrincipalClass) return PrincipalValue.anonymous();
    if (t instanceof IDL.FloatClass) return 0;
    if (t instanceof IDL.FixedNatClass || t instanceof IDL.FixedIntClass) return t._bits > 32 ? 0n : 0;
    if (t instanceof IDL.NatClass || t instanceof IDL.IntClass) return 0n;
    return null;
}

/** Computes and keeps the reply header of type `t` now (at install and upgrade, whose heap persists). */
export function warm(t: IDL.Type): void {
    if (!headers.has(t)) headerOf(t);
}

/** Replies with `v` of type `t` (for methods declared `{ manual: true }`). */
export function reply(t: IDL.Type, v: unknown): void {
    msgReply(encodeOne(t, v));
}

/** Decodes the arguments of a `{ manual: true }` method. */
export function args(types: IDL.Type[]): any[] {
    return IDL.decode(types, msgArgData()) as any[];
}

const signed = new Set<IDL.Type>();

/** Warms the reply header of every signature made with `sig` (call at init and postUpgrade). */
export function warmAll(): void {
    for (const t of signed) warm(t);
}

/** A method signature: its Candid types, argument decoding and reply encoding (manual mode). */
export function sig(params: IDL.Type[], ret: IDL.Type) {
    signed.add(ret);
    return { params, ret, args: (): any[] => args(params), reply: (v: unknown): void => reply(ret, v) };
}

export const MANUAL = { manual: true } as const;
