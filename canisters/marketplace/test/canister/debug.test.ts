import { it } from 'vitest';
import { ok, setupProvider, tenant, world, approve } from './fixture';
it('debug', async () => {
    const w = await world();
    const oid = await setupProvider(w, { stock: 1_000_000 });
    const t = w.as(tenant);
    for (let i = 0; i < 3; i++) { await t.ping(); console.log('ping', w.pic.lastInstructions); }
    await approve(w, tenant, 10n ** 12n);
    for (let i = 0; i < 3; i++) { const r = await t.requestContract(oid, 720); console.log('req', w.pic.lastInstructions); await t.fund(ok(r).id); console.log('fund', w.pic.lastInstructions); }
    console.log(w.pic.logs(w.marketId).slice(-16).map((l) => l.message).join('\n'));
});
