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

/** Custom sections in binary order (WebAssembly.Module.customSections only looks them up by name). */
export function customSections(bytes: Uint8Array<ArrayBuffer>): CustomSection[] {
    const sections: CustomSection[] = [];
    let pos = 8;
    const leb = () => {
        let result = 0;
        for (let shift = 0; ; shift += 7) {
            const b = bytes[pos++]!;
            result += (b & 0x7f) * 2 ** shift;
            if (b < 0x80) return result;
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
        }
        pos = end;
    }
    return sections;
}
