import { parseTokenAmount, plainTokenAmount } from '@/lib/format';
import type { OfferingInput } from './types';

/**
 * What an offering may claim. Values outside are refused in the form with the reason; the canister
 * enforces its own limits as well (the form's are never looser than what a real server can be).
 */
export const OFFERING_LIMITS = {
    name: 100,
    description: 4_000,
    location: 80,
    /** Whole tokens per month. */
    maxPricePerMonth: 1_000_000n,
    maxCpuCores: 1_024,
    maxRamGb: 24_576,
    maxStorageGb: 1_000_000,
    maxBandwidthMbps: 400_000,
    maxGpuCount: 64,
    maxHours: 24 * 365 * 5,
    maxStock: 10_000,
    minUptimePct: 90,
    maxFirstResponseMinutes: 7 * 24 * 60
} as const;

/** The form's text values. */
export interface OfferingFormValues {
    name: string;
    description: string;
    productType: OfferingInput['productType'];
    cpuCores: string;
    ramGb: string;
    storageGb: string;
    bandwidthMbps: string;
    gpu: string;
    gpuCount: string;
    region: string;
    country: string;
    city: string;
    price: string;
    setupFee: string;
    minHours: string;
    maxHours: string;
    stock: string;
    uptimeTarget: string;
    firstResponseMinutes: string;
}

export const EMPTY_OFFERING: OfferingFormValues = {
    name: '',
    description: '',
    productType: 'VPS',
    cpuCores: '2',
    ramGb: '4',
    storageGb: '80',
    bandwidthMbps: '1000',
    gpu: '',
    gpuCount: '0',
    region: 'Europe',
    country: '',
    city: '',
    price: '',
    setupFee: '0',
    minHours: '1',
    maxHours: '2160',
    stock: '5',
    uptimeTarget: '99.9',
    firstResponseMinutes: '240'
};

/** An existing offering as form values (edit and duplicate), exact amounts included. */
export function valuesOf(o: OfferingInput, decimals: number): OfferingFormValues {
    const tok = (v: bigint) => {
        const t = plainTokenAmount(v, decimals);
        return t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t;
    };
    return {
        name: o.name,
        description: o.description,
        productType: o.productType,
        cpuCores: String(o.cpuCores),
        ramGb: String(o.ramMb / 1024),
        storageGb: String(o.storageGb),
        bandwidthMbps: String(o.bandwidthMbps),
        gpu: o.gpu,
        gpuCount: String(o.gpuCount),
        region: o.region,
        country: o.country,
        city: o.city,
        price: tok(o.pricePerMonth),
        setupFee: tok(o.setupFee),
        minHours: String(o.minHours),
        maxHours: String(o.maxHours),
        stock: String(o.stock),
        uptimeTarget: String(o.uptimeTargetBps / 100),
        firstResponseMinutes: String(o.firstResponseMinutes)
    };
}

export type OfferingErrors = Partial<Record<keyof OfferingFormValues, string>>;

/** Checks every field; returns the canister input, or the reasons per field. */
export function validateOffering(v: OfferingFormValues, decimals: number, symbol: string): { input: OfferingInput } | { errors: OfferingErrors } {
    const L = OFFERING_LIMITS;
    const errs: OfferingErrors = {};
    const int = (k: keyof OfferingFormValues, min: number, max: number, what: string): number => {
        const t = v[k].trim();
        const n = Number(t);
        if (!/^\d+$/.test(t) || !Number.isSafeInteger(n)) errs[k] = `${what}: enter a whole number.`;
        else if (n < min || n > max) errs[k] = `${what} must be between ${min.toLocaleString()} and ${max.toLocaleString()}.`;
        return n;
    };
    const tok = (k: 'price' | 'setupFee', what: string): bigint => {
        try {
            return parseTokenAmount(v[k], decimals);
        } catch (e) {
            errs[k] = `${what}: ${(e as Error).message}.`;
            return 0n;
        }
    };
    const base = 10n ** BigInt(decimals);
    if (v.name.trim() === '') errs.name = 'A name is required.';
    else if (v.name.length > L.name) errs.name = `At most ${L.name} characters.`;
    if (v.description.length > L.description) errs.description = `At most ${L.description} characters.`;
    for (const k of ['region', 'country', 'city'] as const) if (v[k].length > L.location) errs[k] = `At most ${L.location} characters.`;
    const cpuCores = int('cpuCores', 1, L.maxCpuCores, 'vCPU cores');
    const ramGb = Number(v.ramGb);
    if (!Number.isFinite(ramGb) || ramGb < 0.5 || ramGb > L.maxRamGb || !Number.isInteger(ramGb * 1024)) errs.ramGb = `RAM must be between 0.5 and ${L.maxRamGb.toLocaleString()} GB (24 TB), in steps of 1 MB.`;
    const pricePerMonth = tok('price', 'Price');
    const setupFee = tok('setupFee', 'Setup fee');
    if (errs.price === undefined) {
        if (pricePerMonth < 720n) errs.price = 'Set a price: at least one base unit per hour (720 base units a month).';
        else if (pricePerMonth > L.maxPricePerMonth * base) errs.price = `At most ${L.maxPricePerMonth.toLocaleString()} ${symbol} a month: no server rents for more; a typo here would be published as is.`;
    }
    if (errs.setupFee === undefined && errs.price === undefined && setupFee > pricePerMonth * 12n) errs.setupFee = 'At most twelve months of the price.';
    const minHours = int('minHours', 1, L.maxHours, 'Minimum rental (hours)');
    const maxHours = int('maxHours', 1, L.maxHours, 'Maximum rental (hours)');
    if (errs.maxHours === undefined && errs.minHours === undefined && maxHours < minHours) errs.maxHours = 'Must be at least the minimum rental.';
    const uptime = Number(v.uptimeTarget);
    if (!Number.isFinite(uptime) || uptime < L.minUptimePct || uptime > 100 || !Number.isInteger(Math.round(uptime * 100 * 1000) / 1000)) errs.uptimeTarget = `Between ${L.minUptimePct} and 100, at most two decimals.`;
    const input: OfferingInput = {
        name: v.name.trim(),
        description: v.description,
        productType: v.productType,
        cpuCores,
        ramMb: Math.round(ramGb * 1024),
        storageGb: int('storageGb', 0, L.maxStorageGb, 'Storage (GB)'),
        bandwidthMbps: int('bandwidthMbps', 0, L.maxBandwidthMbps, 'Bandwidth (Mbit/s)'),
        gpu: v.gpu,
        gpuCount: int('gpuCount', 0, L.maxGpuCount, 'GPU count'),
        region: v.region,
        country: v.country,
        city: v.city,
        pricePerMonth,
        setupFee,
        minHours,
        maxHours,
        stock: int('stock', 1, L.maxStock, 'Stock'),
        uptimeTargetBps: Math.round(uptime * 100),
        firstResponseMinutes: int('firstResponseMinutes', 1, L.maxFirstResponseMinutes, 'First response (minutes)')
    };
    return Object.keys(errs).length === 0 ? { input } : { errors: errs };
}
