// Validation of provider profiles and offerings.
import { LIMITS } from '../../kernel/limits';
import { invalidInput, type CanisterError } from '../../kernel/error';
import type { Account, Contact, OfferingSpec, ProductType } from '../../kernel/records';

export { LIMITS };

export const PRODUCT_TYPES: readonly ProductType[] = ['VPS', 'Dedicated', 'GPU', 'Other'];


function text(field: string, v: string, max: number, required = false): CanisterError | null {
    if (required && v.trim().length === 0) return invalidInput(field, 'required');
    if (v.length > max) return invalidInput(field, `longer than ${max} characters`);
    return null;
}

export interface ProfileInput {
    name: string;
    description: string;
    website: string;
    contacts: Contact[];
    payout: Account;
}

export function validateProfile(p: ProfileInput): CanisterError | null {
    return (
        text('name', p.name, LIMITS.name, true) ??
        text('description', p.description, LIMITS.description) ??
        text('website', p.website, LIMITS.website) ??
        (p.contacts.length > LIMITS.contacts ? invalidInput('contacts', `more than ${LIMITS.contacts}`) : null) ??
        p.contacts.reduce<CanisterError | null>(
            (e, c) => e ?? text('contacts.kind', c.kind, LIMITS.name, true) ?? text('contacts.value', c.value, LIMITS.contactValue, true),
            null
        ) ??
        (p.payout.subaccount !== null && p.payout.subaccount.length !== 32
            ? invalidInput('payout.subaccount', 'must be 32 bytes')
            : null)
    );
}

const int = (field: string, v: number, min: number, max: number): CanisterError | null =>
    !Number.isInteger(v) || v < min || v > max ? invalidInput(field, `must be an integer in [${min}, ${max}]`) : null;

export function validateOffering(o: OfferingSpec, tokens: readonly string[]): CanisterError | null {
    return (
        text('name', o.name, LIMITS.name, true) ??
        text('description', o.description, LIMITS.description) ??
        (PRODUCT_TYPES.includes(o.productType) ? null : invalidInput('productType', 'unknown')) ??
        int('cpuCores', o.cpuCores, 0, 100_000) ??
        int('ramMb', o.ramMb, 0, 1_000_000_000) ??
        int('storageGb', o.storageGb, 0, 1_000_000_000) ??
        int('bandwidthMbps', o.bandwidthMbps, 0, 1_000_000_000) ??
        text('gpu', o.gpu, LIMITS.name) ??
        int('gpuCount', o.gpuCount, 0, 1_000) ??
        text('region', o.region, LIMITS.location, true) ??
        text('country', o.country, LIMITS.location) ??
        text('city', o.city, LIMITS.location) ??
        (tokens.includes(o.token) ? null : ({ UnknownToken: { token: o.token } } as CanisterError)) ??
        (o.pricePerMonth <= 0n ? invalidInput('pricePerMonth', 'must be positive') : null) ??
        (o.setupFee < 0n ? invalidInput('setupFee', 'must not be negative') : null) ??
        int('minHours', o.minHours, 1, LIMITS.maxHours) ??
        int('maxHours', o.maxHours, o.minHours, LIMITS.maxHours) ??
        int('stock', o.stock, 0, 1_000_000) ??
        int('uptimeTargetBps', o.uptimeTargetBps, 0, 10_000) ??
        int('firstResponseMinutes', o.firstResponseMinutes, 0, 525_600)
    );
}
