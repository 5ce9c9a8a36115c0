// Versioned record text: a stored record is JSON text headed by its layout version ("v3:[…]"; no
// JSON text starts with "v"); text without a head was written before versions existed and is
// version 1, so records of version 1 keep their bytes. Readers upgrade older versions as they
// decode (lazily, record by record: postUpgrade never rewrites what is stored) and refuse a
// version newer than they know, which only a downgrade can leave: the message traps and
// nothing changes.

export class RecordTooNew extends Error {
    constructor(readonly record: string, readonly found: number, readonly known: number) {
        super(`stored ${record} record has layout version ${found}; this build reads up to version ${known} (a downgrade?)`);
    }
}

export interface RecordLayout<T> {
    readonly name: string;
    /** The version this build writes. */
    readonly version: number;
    write(v: T): string;
    read(text: string): T;
}

/**
 * A record's layout: `encode` gives the JSON value of the current version; `decode` reads the JSON
 * value of any version from 1 to `version` (it receives the version it was written with).
 */
export function recordLayout<T>(name: string, version: number, encode: (v: T) => unknown, decode: (json: any, version: number) => T): RecordLayout<T> {
    if (!Number.isInteger(version) || version < 1) throw new Error(`${name}: a layout version is an integer from 1`);
    const prefix = version === 1 ? '' : `v${version}:`;
    return {
        name,
        version,
        write: (v) => prefix + JSON.stringify(encode(v)),
        read: (text) => {
            const { found, json } = split(text);
            if (found > version) throw new RecordTooNew(name, found, version);
            return decode(JSON.parse(json), found);
        }
    };
}

/** The version at the head of the text (1 when it has none) and the JSON after it. */
export function split(text: string): { found: number; json: string } {
    if (text.charCodeAt(0) !== 118 /* v */) return { found: 1, json: text };
    const colon = text.indexOf(':');
    const found = Number(text.slice(1, colon));
    if (colon < 2 || !Number.isInteger(found) || found < 2) throw new Error(`malformed record version head: ${text.slice(0, 12)}`);
    return { found, json: text.slice(colon + 1) };
}
