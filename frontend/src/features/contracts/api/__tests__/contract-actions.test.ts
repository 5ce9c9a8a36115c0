import { describe, expect, it } from 'vitest';
import type { Actors } from '@/lib/agent';
import { parseProbeEndpoint, runContractAction } from '../contract-actions';

describe('parseProbeEndpoint', () => {
    it('reads http(s) and tcp endpoints, with default ports for http(s)', () => {
        expect(parseProbeEndpoint('https://vm-7.acme.example/health?full=1')).toEqual({ scheme: { Https: null }, host: 'vm-7.acme.example', port: 443, path: '/health?full=1' });
        expect(parseProbeEndpoint(' http://203.0.113.7:8080 ')).toEqual({ scheme: { Http: null }, host: '203.0.113.7', port: 8080, path: '/' });
        expect(parseProbeEndpoint('tcp://[2001:db8::7]:22')).toEqual({ scheme: { Tcp: null }, host: '2001:db8::7', port: 22, path: '' });
    });

    it('explains what is wrong otherwise', () => {
        expect(parseProbeEndpoint('ssh root@203.0.113.7')).toMatch(/Enter a URL/);
        expect(parseProbeEndpoint('tcp://203.0.113.7')).toMatch(/needs a port/);
        expect(parseProbeEndpoint('ftp://203.0.113.7')).toMatch(/http:\/\/, https:\/\/ or tcp:\/\//);
    });
});

describe('runContractAction provisioned', () => {
    it('declares the monitoring endpoint after reporting the server provisioned', async () => {
        const calls: unknown[][] = [];
        const ok = { Ok: {} };
        const marketplace = {
            reportProvisioned: async (...a: unknown[]) => (calls.push(['reportProvisioned', ...a]), ok),
            setProbeEndpoint: async (...a: unknown[]) => (calls.push(['setProbeEndpoint', ...a]), ok)
        };
        const probe = parseProbeEndpoint('tcp://203.0.113.7:22');
        if (typeof probe === 'string') throw new Error(probe);
        await runContractAction({ marketplace } as unknown as Actors, { kind: 'provisioned', id: 7n, connection: 'ssh root@203.0.113.7', probe });
        expect(calls).toEqual([
            ['reportProvisioned', 7n, 'ssh root@203.0.113.7'],
            ['setProbeEndpoint', 7n, [probe]]
        ]);
        calls.length = 0;
        await runContractAction({ marketplace } as unknown as Actors, { kind: 'provisioned', id: 8n, connection: 'ssh root@203.0.113.8' });
        expect(calls.map((c) => c[0])).toEqual(['reportProvisioned']);
    });
});
