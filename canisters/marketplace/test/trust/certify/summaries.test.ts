// The certified summaries' tree: the root kept along one path per change equals the root built
// from every bucket, and each provider's witness proves its summary against it.
import { Cbor, reconstruct, type HashTree } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { balancedHash, forkHash, fromHex, labeledHash, toHex } from '../../../../common/hash_tree';
import { certifySummary, rootHash, witnessFor, type CertRecord, type TrustSummary } from '../../../src/trust/certify/summaries';
import type { Table } from '../../../src/trust/ports';

class MapTable implements Table<string, CertRecord> {
    readonly m = new Map<string, CertRecord>();
    get = (k: string) => this.m.get(k);
    put = (k: string, v: CertRecord) => void this.m.set(k, v);
    len = () => this.m.size;
}

const summary = (provider: string, score: number): TrustSummary => ({
    provider, score, rank: score - 5, evidence: '1 month', months: 1, payers: 2, uptime30dPct: 99.9, downMinutes30d: 3, flags: [], critical: false
});

/** The root as `balancedHash` builds it over all 16 bucket records, with no cache. */
function rootFromScratch(t: MapTable): Uint8Array {
    const buckets = Array.from({ length: 16 }, (_, b) => fromHex(t.get(`b|${b}`)?.hash ?? toHex(balancedHash([]))));
    return labeledHash(new TextEncoder().encode('trust'), balancedHash(buckets));
}

const providers = Array.from({ length: 40 }, (_, i) => Principal.fromUint8Array(Uint8Array.of((i * 37) % 256, i, 1)).toText());

describe('certified summaries tree', () => {
    it('keeps the root equal to the one built from every bucket, change after change', () => {
        const t = new MapTable();
        for (const [i, p] of providers.entries()) {
            expect(certifySummary(t, summary(p, 60 + (i % 30)), BigInt(i))).toBe(true);
            // The root is read from the kept forks, not rebuilt.
            expect(t.get('tree')?.levels?.map((l) => l.length)).toEqual([16, 8, 4, 2, 1]);
            expect(toHex(rootHash(t))).toBe(toHex(rootFromScratch(t)));
        }
        // An unchanged summary changes nothing; a changed one moves the root.
        const before = toHex(rootHash(t));
        expect(certifySummary(t, summary(providers[3]!, 60 + 3), 99n)).toBe(false);
        expect(toHex(rootHash(t))).toBe(before);
        expect(certifySummary(t, summary(providers[3]!, 91), 100n)).toBe(true);
        expect(toHex(rootHash(t))).not.toBe(before);
        expect(toHex(rootHash(t))).toBe(toHex(rootFromScratch(t)));
    });

    it('gives every provider a witness that reconstructs the certified root', async () => {
        const t = new MapTable();
        for (const [i, p] of providers.entries()) certifySummary(t, summary(p, 70 + (i % 20)), 1n);
        for (const p of providers) {
            const w = witnessFor(t, p)!;
            expect(toHex(await reconstruct(Cbor.decode<HashTree>(w.witness)))).toBe(toHex(rootHash(t)));
        }
    });

    it('an empty tree is the labeled hash of 16 empty buckets', () => {
        const empty = balancedHash([]);
        let level = Array.from({ length: 16 }, () => empty);
        while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => forkHash(level[2 * i]!, level[2 * i + 1]!));
        expect(toHex(rootHash(new MapTable()))).toBe(toHex(labeledHash(new TextEncoder().encode('trust'), level[0]!)));
    });
});
