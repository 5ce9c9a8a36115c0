import type { Offering as COffering } from '@declarations/marketplace';
import { variantName } from '@/lib/candid';
import type { Offering, ProductType } from '../types';

export function toOffering(o: COffering, providerName?: string): Offering {
    return {
        id: o.id,
        provider: o.provider.toText(),
        providerName,
        name: o.name,
        description: o.description,
        productType: variantName(o.productType) as ProductType,
        cpuCores: o.cpuCores,
        ramMb: o.ramMb,
        storageGb: o.storageGb,
        bandwidthMbps: o.bandwidthMbps,
        gpu: o.gpu,
        gpuCount: o.gpuCount,
        region: o.region,
        country: o.country,
        city: o.city,
        token: o.token,
        pricePerMonth: o.pricePerMonth,
        setupFee: o.setupFee,
        minHours: o.minHours,
        maxHours: o.maxHours,
        stock: o.stock,
        inUse: o.inUse,
        active: o.active,
        uptimeTargetBps: o.uptimeTargetBps,
        firstResponseMinutes: o.firstResponseMinutes
    };
}
