// The identity canister's Wasm module, assembled here (about 300 bytes, nothing to build):
//   update set_certified_data(raw 32 bytes)  controllers only; ic0.certified_data_set
//   query  get_certificate() -> raw bytes     ic0.data_certificate (the subnet's certificate)
// The identity provider keeps the signature tree and, like Internet Identity, puts its root hash
// into the canister's certified data; the certificate a query gets is then the signature's proof.

const I32 = 0x7f;
const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];

function uleb(n: number): number[] {
    const out: number[] = [];
    do {
        let b = n & 0x7f;
        n >>>= 7;
        if (n !== 0) b |= 0x80;
        out.push(b);
    } while (n !== 0);
    return out;
}
const sleb = (n: number): number[] => (n >= 0 && n < 64 ? [n] : n >= 64 && n < 8192 ? [0x80 | (n & 0x7f), n >> 7] : fail(n));
function fail(n: number): never {
    throw new Error(`constant ${n} out of range`);
}
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => [...uleb(utf8(s).length), ...utf8(s)];
const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];

const IMPORTS: [string, number[], number[]][] = [
    ['msg_caller_size', [], [I32]],
    ['msg_caller_copy', [I32, I32, I32], []],
    ['is_controller', [I32, I32], [I32]],
    ['msg_arg_data_size', [], [I32]],
    ['msg_arg_data_copy', [I32, I32, I32], []],
    ['certified_data_set', [I32, I32], []],
    ['data_certificate_present', [], [I32]],
    ['data_certificate_size', [], [I32]],
    ['data_certificate_copy', [I32, I32, I32], []],
    ['msg_reply_data_append', [I32, I32], []],
    ['msg_reply', [], []],
    ['trap', [I32, I32], []]
];
const fn = Object.fromEntries(IMPORTS.map(([n], i) => [n, i])) as Record<string, number>;

const NOT_CONTROLLER = 'only a controller may set the certified data';
const NOT_32_BYTES = 'the certified data is 32 bytes';
const NO_CERTIFICATE = 'no data certificate: call get_certificate as a query';
const MESSAGES = [NOT_CONTROLLER, NOT_32_BYTES, NO_CERTIFICATE];
const MESSAGE_AT = 1024;
const at = (m: string): number => MESSAGE_AT + MESSAGES.slice(0, MESSAGES.indexOf(m)).join('').length;

const c = (v: number): number[] => [0x41, ...sleb(v)];
const call = (f: string): number[] => [0x10, ...uleb(fn[f] as number)];
const get = [0x20, 0x00];
const set = [0x21, 0x00];
const trapIf = (m: string): number[] => [0x04, 0x40, ...c(at(m)), ...c(utf8(m).length), ...call('trap'), 0x0b];

const SET_CERTIFIED_DATA = [
    ...call('msg_caller_size'), ...set,
    ...c(0), ...c(0), ...get, ...call('msg_caller_copy'),
    ...c(0), ...get, ...call('is_controller'), 0x45, ...trapIf(NOT_CONTROLLER),
    ...call('msg_arg_data_size'), ...c(32), 0x47, ...trapIf(NOT_32_BYTES),
    ...c(0), ...c(0), ...c(32), ...call('msg_arg_data_copy'),
    ...c(0), ...c(32), ...call('certified_data_set'),
    ...call('msg_reply')
];

const GET_CERTIFICATE = [
    ...call('data_certificate_present'), 0x45, ...trapIf(NO_CERTIFICATE),
    ...call('data_certificate_size'), ...set,
    ...c(0), ...c(0), ...get, ...call('data_certificate_copy'),
    ...c(0), ...get, ...call('msg_reply_data_append'),
    ...call('msg_reply')
];

export const SET_CERTIFIED_DATA_METHOD = 'set_certified_data';
export const GET_CERTIFICATE_METHOD = 'get_certificate';

export function identityCanisterWasm(): Uint8Array {
    const sig = (p: number[], r: number[]): number[] => [0x60, ...vec(p.map(t => [t])), ...vec(r.map(t => [t]))];
    const types = [...IMPORTS.map(([, p, r]) => sig(p, r)), sig([], [])];
    const own = IMPORTS.length;
    const body = (code: number[]): number[] => {
        const b = [...vec([[1, I32]]), ...code, 0x0b];
        return [...uleb(b.length), ...b];
    };
    const data = utf8(MESSAGES.join(''));
    return Uint8Array.from([
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        ...section(1, vec(types)),
        ...section(2, vec(IMPORTS.map(([n], i) => [...name('ic0'), ...name(n), 0x00, ...uleb(i)]))),
        ...section(3, vec([uleb(own), uleb(own)])),
        ...section(5, vec([[0x00, 0x01]])),
        ...section(7, vec([
            [...name(`canister_update ${SET_CERTIFIED_DATA_METHOD}`), 0x00, ...uleb(own)],
            [...name(`canister_query ${GET_CERTIFICATE_METHOD}`), 0x00, ...uleb(own + 1)]
        ])),
        ...section(10, vec([body(SET_CERTIFIED_DATA), body(GET_CERTIFICATE)])),
        ...section(11, vec([[0x00, ...c(MESSAGE_AT), 0x0b, ...uleb(data.length), ...data]]))
    ]);
}
