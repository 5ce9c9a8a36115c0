// Probe endpoints: where monitors check a provisioned server (declared by the provider). Pure.
import { invalidInput, type CanisterError } from '../../kernel/error';
import type { ProbeEndpoint, Status } from '../../kernel/records';
import { BILLING } from './settlement';

/**
 * Statuses in which monitors probe a contract: every status that bills (Paused bills too), so a
 * provider cannot stop the platform's measurement of a contract it is paid for.
 */
export const PROBED: ReadonlySet<Status> = BILLING;
/** Statuses in which the provider may declare or change the endpoint. */
export const PROBE_SETTABLE: ReadonlySet<Status> = new Set<Status>(['Accepted', 'Provisioning', 'Provisioned', 'Active', 'Paused']);

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:.]{2,45}$/i;
const PATH = /^\/[\x21-\x7e]{0,255}$/;


function validHost(h: string): boolean {
    if (IPV4.test(h)) return true;
    if (h.includes(':')) return IPV6.test(h) && h.split('::').length <= 2 && (h.match(/:/g) ?? []).length >= 2;
    // All-numeric dotted names that are not valid IPv4 (e.g. 999.1.1.1) are refused.
    return HOSTNAME.test(h) && !/^[0-9.]+$/.test(h);
}

export function validateProbe(p: ProbeEndpoint): CanisterError | null {
    if (p.scheme !== 'http' && p.scheme !== 'https' && p.scheme !== 'tcp') return invalidInput('probe.scheme', 'http, https or tcp');
    if (!validHost(p.host)) return invalidInput('probe.host', 'a DNS name or an IPv4/IPv6 address');
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65_535) return invalidInput('probe.port', 'an integer in [1, 65535]');
    if (p.scheme === 'tcp') {
        if (p.path !== '') return invalidInput('probe.path', 'must be empty for tcp');
    } else if (p.path !== '' && !PATH.test(p.path)) {
        return invalidInput('probe.path', "absolute ('/…'), printable ASCII without spaces, at most 256 characters");
    }
    return null;
}

/** Normalised form stored on the contract (host lower-case, http(s) path defaults to '/'). */
export function normaliseProbe(p: ProbeEndpoint): ProbeEndpoint {
    return { scheme: p.scheme, host: p.host.toLowerCase(), port: p.port, path: p.scheme === 'tcp' ? '' : p.path === '' ? '/' : p.path };
}

/** The endpoint as a URL (tcp://host:port for tcp; IPv6 hosts bracketed). */
export function probeUrl(p: ProbeEndpoint): string {
    const host = p.host.includes(':') ? `[${p.host}]` : p.host;
    return `${p.scheme}://${host}:${p.port}${p.path}`;
}
