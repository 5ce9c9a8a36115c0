import { useState } from 'react';
import { Alert, Button, InputField, SelectField, TextareaField } from '@/components/ui';
import { errorMessage } from '@/lib/canister-error';
import { parseTokenAmount } from '@/lib/format';
import type { OfferingInput } from '../types';

const empty = {
    name: '',
    description: '',
    productType: 'VPS' as OfferingInput['productType'],
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

export function OfferingForm({ decimals, symbol, onSubmit, isPending, error }: { decimals: number; symbol: string; onSubmit: (o: OfferingInput) => void; isPending: boolean; error: unknown }) {
    const [v, setV] = useState(empty);
    const [errors, setErrors] = useState<Record<string, string>>({});
    const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
    const submit = () => {
        const errs: Record<string, string> = {};
        const int = (k: keyof typeof empty, min = 0) => {
            const n = Number(v[k]);
            if (!Number.isInteger(n) || n < min) errs[k] = `Whole number ≥ ${min}`;
            return n;
        };
        const tok = (k: 'price' | 'setupFee') => {
            try {
                return parseTokenAmount(v[k], decimals);
            } catch (e) {
                errs[k] = (e as Error).message;
                return 0n;
            }
        };
        if (v.name.trim() === '') errs.name = 'A name is required.';
        const out: OfferingInput = {
            name: v.name.trim(),
            description: v.description,
            productType: v.productType,
            cpuCores: int('cpuCores', 1),
            ramMb: Math.round(Number(v.ramGb) * 1024),
            storageGb: int('storageGb'),
            bandwidthMbps: int('bandwidthMbps'),
            gpu: v.gpu,
            gpuCount: int('gpuCount'),
            region: v.region,
            country: v.country,
            city: v.city,
            pricePerMonth: tok('price'),
            setupFee: tok('setupFee'),
            minHours: int('minHours', 1),
            maxHours: int('maxHours', 1),
            stock: int('stock', 1),
            uptimeTargetBps: Math.round(Number(v.uptimeTarget) * 100),
            firstResponseMinutes: int('firstResponseMinutes', 1)
        };
        if (out.pricePerMonth <= 0n && errs.price === undefined) errs.price = 'Set a price.';
        if (!(Number(v.ramGb) > 0)) errs.ramGb = 'RAM must be positive.';
        if (out.maxHours < out.minHours) errs.maxHours = 'Must be at least the minimum.';
        if (!(Number(v.uptimeTarget) > 0 && Number(v.uptimeTarget) <= 100)) errs.uptimeTarget = 'Between 0 and 100.';
        setErrors(errs);
        if (Object.keys(errs).length === 0) onSubmit(out);
    };
    return (
        <form
            aria-label="New offering"
            onSubmit={(e) => {
                e.preventDefault();
                submit();
            }}
        >
            <div className="filters">
                <InputField label="Name" value={v.name} onChange={set('name')} error={errors.name} />
                <SelectField label="Type" value={v.productType} onChange={set('productType')}>
                    <option>VPS</option>
                    <option>Dedicated</option>
                    <option>GPU</option>
                    <option>Other</option>
                </SelectField>
                <InputField label="vCPU cores" type="number" value={v.cpuCores} onChange={set('cpuCores')} error={errors.cpuCores} />
                <InputField label="RAM (GB)" inputMode="decimal" value={v.ramGb} onChange={set('ramGb')} error={errors.ramGb} />
                <InputField label="Storage (GB)" type="number" value={v.storageGb} onChange={set('storageGb')} error={errors.storageGb} />
                <InputField label="Bandwidth (Mbit/s)" type="number" value={v.bandwidthMbps} onChange={set('bandwidthMbps')} error={errors.bandwidthMbps} />
                <InputField label="GPU model" value={v.gpu} onChange={set('gpu')} />
                <InputField label="GPU count" type="number" value={v.gpuCount} onChange={set('gpuCount')} error={errors.gpuCount} />
                <InputField label="Region" value={v.region} onChange={set('region')} />
                <InputField label="Country" value={v.country} onChange={set('country')} />
                <InputField label="City" value={v.city} onChange={set('city')} />
                <InputField label={`Price / month (${symbol})`} inputMode="decimal" value={v.price} onChange={set('price')} error={errors.price} />
                <InputField label={`Setup fee (${symbol})`} inputMode="decimal" value={v.setupFee} onChange={set('setupFee')} error={errors.setupFee} />
                <InputField label="Min hours" type="number" value={v.minHours} onChange={set('minHours')} error={errors.minHours} />
                <InputField label="Max hours" type="number" value={v.maxHours} onChange={set('maxHours')} error={errors.maxHours} />
                <InputField label="Stock" type="number" value={v.stock} onChange={set('stock')} error={errors.stock} />
                <InputField label="Uptime target (%)" inputMode="decimal" value={v.uptimeTarget} onChange={set('uptimeTarget')} error={errors.uptimeTarget} />
                <InputField label="First response (min)" type="number" value={v.firstResponseMinutes} onChange={set('firstResponseMinutes')} error={errors.firstResponseMinutes} />
            </div>
            <TextareaField label="Description" rows={2} value={v.description} onChange={set('description')} />
            {error !== null && error !== undefined && <Alert tone="error">{errorMessage(error)}</Alert>}
            <Button type="submit" isLoading={isPending}>
                Publish offering
            </Button>
        </form>
    );
}
