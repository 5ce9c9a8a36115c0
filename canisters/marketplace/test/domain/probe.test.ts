import { describe, expect, it } from 'vitest';
import { normaliseProbe, probeUrl, validateProbe } from '../../src/escrow/domain/probe';
import type { ProbeEndpoint } from '../../src/kernel/records';

const ep = (over: Partial<ProbeEndpoint> = {}): ProbeEndpoint => ({ scheme: 'https', host: 'srv.example.com', port: 443, path: '/health', ...over });
const field = (p: ProbeEndpoint): string | null => {
    const e = validateProbe(p);
    return e === null ? null : 'InvalidInput' in e ? e.InvalidInput.field : 'other';
};

describe('probe endpoint validation', () => {
    it.each([
        [ep(), null],
        [ep({ scheme: 'http', port: 8080, path: '/' }), null],
        [ep({ scheme: 'http', path: '' }), null],
        [ep({ host: '192.0.2.7' }), null],
        [ep({ host: '2001:db8::7' }), null],
        [ep({ scheme: 'tcp', port: 22, path: '' }), null],
        [ep({ scheme: 'ftp' as any }), 'probe.scheme'],
        [ep({ host: '' }), 'probe.host'],
        [ep({ host: 'bad host' }), 'probe.host'],
        [ep({ host: '-lead.example.com' }), 'probe.host'],
        [ep({ host: '999.1.1.1' }), 'probe.host'],
        [ep({ host: 'a'.repeat(64) + '.com' }), 'probe.host'],
        [ep({ host: 'http://x.com' }), 'probe.host'],
        [ep({ port: 0 }), 'probe.port'],
        [ep({ port: 65_536 }), 'probe.port'],
        [ep({ port: 1.5 }), 'probe.port'],
        [ep({ path: 'health' }), 'probe.path'],
        [ep({ path: '/a b' }), 'probe.path'],
        [ep({ path: '/' + 'x'.repeat(300) }), 'probe.path'],
        [ep({ scheme: 'tcp', path: '/x' }), 'probe.path']
    ])('%j → %s', (p, want) => expect(field(p)).toBe(want));

    it('normalises and renders URLs', () => {
        expect(normaliseProbe(ep({ host: 'SRV.Example.com', path: '' }))).toEqual(ep({ host: 'srv.example.com', path: '/' }));
        expect(probeUrl(ep())).toBe('https://srv.example.com:443/health');
        expect(probeUrl(normaliseProbe(ep({ scheme: 'tcp', host: '2001:db8::7', port: 22, path: '' })))).toBe('tcp://[2001:db8::7]:22');
    });
});
