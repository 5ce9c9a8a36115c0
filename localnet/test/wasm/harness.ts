import { METERING_EXPORTS, METERING_IMPORT, instrumentForMetering, type InstrumentResult } from '../../src/wasm/instrument.js';

export class OutOfInstructions extends Error {
    override name = 'OutOfInstructions';
}

export interface Metered {
    instance: WebAssembly.Instance;
    info: InstrumentResult;
    exports: Record<string, WebAssembly.ExportValue>;
    counter: WebAssembly.Global;
    limit: WebAssembly.Global;
    /** Runs an export from a zeroed counter; returns its result and the instruction count. */
    run(name: string, ...args: unknown[]): { result: unknown; count: bigint };
}

export function meter(original: Uint8Array<ArrayBuffer>, imports: WebAssembly.Imports = {}): Metered {
    const info = instrumentForMetering(original);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(info.bytes), {
        ...imports,
        [METERING_IMPORT.module]: {
            [METERING_IMPORT.outOfInstructions]: () => {
                throw new OutOfInstructions('instruction limit exceeded');
            }
        }
    });
    const exports = instance.exports;
    const counter = exports[METERING_EXPORTS.counter] as WebAssembly.Global;
    const limit = exports[METERING_EXPORTS.limit] as WebAssembly.Global;
    return {
        instance,
        info,
        exports,
        counter,
        limit,
        run(name, ...args) {
            counter.value = 0n;
            const result = (exports[name] as (...a: unknown[]) => unknown)(...args);
            return { result, count: counter.value as bigint };
        }
    };
}

export function plain(original: Uint8Array<ArrayBuffer>, imports: WebAssembly.Imports = {}): Record<string, WebAssembly.ExportValue> {
    return new WebAssembly.Instance(new WebAssembly.Module(original), imports).exports;
}

export interface CustomSection {
    name: string;
    content: Uint8Array;
}

export function customSections(bytes: Uint8Array<ArrayBuffer>): CustomSection[] {
    const module = new WebAssembly.Module(bytes);
    const names = new Set<string>();
    const sections: CustomSection[] = [];
    // WebAssembly.Module.customSections is keyed by name; walk names in binary order via a quick scan.
    let pos = 8;
    const leb = () => {
        let result = 0;
        let shift = 0;
        for (;;) {
            const b = bytes[pos++]!;
            result |= (b & 0x7f) << shift;
            if (b < 0x80) return result >>> 0;
            shift += 7;
        }
    };
    while (pos < bytes.length) {
        const id = bytes[pos++]!;
        const size = leb();
        const end = pos + size;
        if (id === 0) {
            const len = leb();
            const name = new TextDecoder().decode(bytes.subarray(pos, pos + len));
            sections.push({ name, content: bytes.slice(pos + len, end) });
            names.add(name);
        }
        pos = end;
    }
    for (const name of names) {
        const viaApi = WebAssembly.Module.customSections(module, name).map((b) => new Uint8Array(b));
        const viaScan = sections.filter((s) => s.name === name).map((s) => s.content);
        if (viaApi.length !== viaScan.length) throw new Error(`custom section scan disagrees for ${name}`);
    }
    return sections;
}
