import { useState } from 'react';
import { Alert, Button, InputField, SelectField, TextareaField } from '@/components/ui';
import { errorMessage } from '@/lib/canister-error';
import { EMPTY_OFFERING, OFFERING_LIMITS, validateOffering, type OfferingErrors, type OfferingFormValues } from '../offering-limits';
import type { OfferingInput } from '../types';

/** Create, edit or duplicate an offering; every limit is checked here with its reason before anything is sent. */
export function OfferingForm({
    decimals,
    symbol,
    onSubmit,
    isPending,
    error,
    initial = EMPTY_OFFERING,
    submitLabel = 'Publish offering',
    label = 'New offering'
}: {
    decimals: number;
    symbol: string;
    onSubmit: (o: OfferingInput) => void;
    isPending: boolean;
    error: unknown;
    initial?: OfferingFormValues;
    submitLabel?: string;
    label?: string;
}) {
    const [v, setV] = useState(initial);
    const [errors, setErrors] = useState<OfferingErrors>({});
    const set = (k: keyof OfferingFormValues) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
    const submit = () => {
        const r = validateOffering(v, decimals, symbol);
        if ('errors' in r) {
            setErrors(r.errors);
            return;
        }
        setErrors({});
        onSubmit(r.input);
    };
    const L = OFFERING_LIMITS;
    return (
        <form
            aria-label={label}
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
                <InputField label="vCPU cores" type="number" min={1} max={L.maxCpuCores} value={v.cpuCores} onChange={set('cpuCores')} error={errors.cpuCores} hint={`1 to ${L.maxCpuCores.toLocaleString()}`} />
                <InputField label="RAM (GB)" inputMode="decimal" value={v.ramGb} onChange={set('ramGb')} error={errors.ramGb} />
                <InputField label="Storage (GB)" type="number" value={v.storageGb} onChange={set('storageGb')} error={errors.storageGb} />
                <InputField label="Bandwidth (Mbit/s)" type="number" value={v.bandwidthMbps} onChange={set('bandwidthMbps')} error={errors.bandwidthMbps} />
                <InputField label="GPU model" value={v.gpu} onChange={set('gpu')} />
                <InputField label="GPU count" type="number" value={v.gpuCount} onChange={set('gpuCount')} error={errors.gpuCount} />
                <InputField label="Region" value={v.region} onChange={set('region')} />
                <InputField label="Country" value={v.country} onChange={set('country')} />
                <InputField label="City" value={v.city} onChange={set('city')} />
                <InputField label={`Price / month (${symbol})`} inputMode="decimal" value={v.price} onChange={set('price')} error={errors.price} hint={`Up to ${L.maxPricePerMonth.toLocaleString()} ${symbol}`} />
                <InputField label={`Setup fee (${symbol})`} inputMode="decimal" value={v.setupFee} onChange={set('setupFee')} error={errors.setupFee} />
                <InputField label="Min hours" type="number" value={v.minHours} onChange={set('minHours')} error={errors.minHours} />
                <InputField label="Max hours" type="number" min={1} max={L.maxHours} value={v.maxHours} onChange={set('maxHours')} error={errors.maxHours} hint={`Up to ${L.maxHours.toLocaleString()} (5 years)`} />
                <InputField label="Stock" type="number" min={1} max={L.maxStock} value={v.stock} onChange={set('stock')} error={errors.stock} hint="Servers you can run at once" />
                <InputField label="Uptime target (%)" inputMode="decimal" value={v.uptimeTarget} onChange={set('uptimeTarget')} error={errors.uptimeTarget} />
                <InputField label="First response (min)" type="number" value={v.firstResponseMinutes} onChange={set('firstResponseMinutes')} error={errors.firstResponseMinutes} />
            </div>
            <TextareaField label="Description" rows={2} value={v.description} onChange={set('description')} error={errors.description} />
            {error !== null && error !== undefined && <Alert tone="error">{errorMessage(error)}</Alert>}
            <Button type="submit" isLoading={isPending}>
                {submitLabel}
            </Button>
        </form>
    );
}
