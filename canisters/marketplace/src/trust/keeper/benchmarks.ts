import { addMeasurement, checkClaims, type Claims } from '../domain/claims';
import { ok, type Result } from '../../kernel/result';
import { notFound } from '../../kernel/error';
import { checkBenchmark, type BenchmarkReport } from '../domain/validate';
import type { OfferingView } from '../ports';
import type { BatchSpec, ItemOutcome } from './batch';
import type { Draft } from './effects';
import { offeringTrust } from './market';
import { seqKey } from './state';

export const claimsOf = (o: OfferingView): Claims => ({ vcpu: o.vcpu, ram_gib: o.ramGiB, storage_gib: o.storageGiB, bandwidth_mbps: o.bandwidthMbps });

function applyBenchmark(ctx: Draft, b: BenchmarkReport, reporter: string): Result<ItemOutcome> {
    const isOffering = 'offering' in b.target;
    const targetId = 'offering' in b.target ? b.target.offering : b.target.provider;
    const offering = isOffering ? ctx.market.offering(targetId) : undefined;
    if (isOffering && offering === undefined) return notFound('offering', targetId);
    if (!isOffering && ctx.market.provider(targetId) === undefined) return notFound('provider', targetId);
    const providerId = offering?.provider ?? targetId;
    let p = ctx.noteSignal(ctx.provider(providerId));
    const key = `${isOffering ? 'o' : 'p'}:${targetId}`;
    ctx.put('benchmarks', seqKey(providerId, p.benchmarks), { ...b, target: key, reporter, receivedAt: ctx.now });
    p = { ...p, benchmarks: p.benchmarks + 1 };
    if (offering !== undefined) {
        const ot = offeringTrust(ctx, offering);
        const measurements = addMeasurement(ot.measurements, b.metric, b.source, b.value, b.fetchedAt);
        const claims = checkClaims(claimsOf(offering), measurements);
        ctx.put('offerings', offering.id, { ...ot, measurements, claims });
        const failed = claims.filter((c) => !c.ok);
        const mismatches = { ...p.claimMismatches };
        if (failed.length > 0) mismatches[offering.id] = failed;
        else delete mismatches[offering.id];
        p = { ...p, claimMismatches: mismatches };
    }
    ctx.saveProvider(p);
    return ok('applied');
}

export const benchmarkBatch: BatchSpec<BenchmarkReport> = {
    kind: 'benchmark',
    role: 'relay',
    dedupeKey: (b) => b.id,
    validate: checkBenchmark,
    apply: (ctx, b, reporter) => applyBenchmark(ctx, b, reporter)
};
