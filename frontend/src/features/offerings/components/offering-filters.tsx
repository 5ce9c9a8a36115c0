import { InputField, SelectField } from '@/components/ui';
import type { OfferingFilters, SortKey } from '../types';

const sorts: [SortKey, string][] = [
    ['price-asc', 'Price: low to high'],
    ['price-desc', 'Price: high to low'],
    ['trust-desc', 'Trust: highest first'],
    ['cpu-desc', 'CPU cores: most first'],
    ['ram-desc', 'RAM: most first'],
    ['newest', 'Newest']
];

export function OfferingFiltersForm({ value, onChange, regions, tokenSymbol }: { value: OfferingFilters; onChange: (f: OfferingFilters) => void; regions: string[]; tokenSymbol: string }) {
    const set = <K extends keyof OfferingFilters>(k: K, v: OfferingFilters[K]) => onChange({ ...value, [k]: v });
    return (
        <form role="search" aria-label="Filter offerings" className="card filters" onSubmit={(e) => e.preventDefault()}>
            <InputField label="Search" type="search" value={value.search} onChange={(e) => set('search', e.target.value)} placeholder="Name, city, provider" />
            <SelectField label="Type" value={value.productType} onChange={(e) => set('productType', e.target.value as OfferingFilters['productType'])}>
                <option value="">Any</option>
                <option value="VPS">VPS</option>
                <option value="Dedicated">Dedicated</option>
                <option value="GPU">GPU</option>
                <option value="Other">Other</option>
            </SelectField>
            <SelectField label="Region" value={value.region} onChange={(e) => set('region', e.target.value)}>
                <option value="">Any</option>
                {regions.map((r) => (
                    <option key={r} value={r}>
                        {r}
                    </option>
                ))}
            </SelectField>
            <InputField label={`Max price / month (${tokenSymbol})`} inputMode="decimal" value={value.maxPrice} onChange={(e) => set('maxPrice', e.target.value)} />
            <InputField label="Min CPU cores" type="number" min={0} value={value.minCpuCores} onChange={(e) => set('minCpuCores', e.target.value)} />
            <InputField label="Min RAM (GB)" type="number" min={0} value={value.minRamGb} onChange={(e) => set('minRamGb', e.target.value)} />
            <InputField label="Min storage (GB)" type="number" min={0} value={value.minStorageGb} onChange={(e) => set('minStorageGb', e.target.value)} />
            <InputField label="Min trust score" type="number" min={0} max={100} value={value.minTrust} onChange={(e) => set('minTrust', e.target.value)} />
            <SelectField label="Sort by" value={value.sort} onChange={(e) => set('sort', e.target.value as SortKey)}>
                {sorts.map(([k, label]) => (
                    <option key={k} value={k}>
                        {label}
                    </option>
                ))}
            </SelectField>
            <label className="checkbox">
                <input type="checkbox" checked={value.availableOnly} onChange={(e) => set('availableOnly', e.target.checked)} /> In stock only
            </label>
        </form>
    );
}
