// Stale proof (issue 19, part 7): a boundary node keeps a provider's certified summary from before
// a critical flag and serves it again later. The certificate is genuine, so only its age gives it
// away: the app's verifier (frontend/src/features/trust/api/verify-summary.ts) must not call it
// "Verified" once it is older than the bound (5 minutes, agent-js' certificate bound).
import { Principal } from '@dfinity/principal';
import { LocalCertifier } from '../../localnet/src/crypto/certificate.js';
import { deriveDevKeys } from '../../localnet/src/crypto/root_key.js';
import { verifyCertifiedSummary, type CertifiedResponse } from '../../frontend/src/features/trust/api/verify-summary.js';
import { event } from '../../canisters/marketplace/test/trust/canister/trust_fixture.js';
import { ok } from '../../canisters/marketplace/test/canister/fixture.js';
import type { Attack } from './attack.js';
import { attackMarket, HOUR_MS, MIN_NS, relay, TOKEN, type AttackMarket } from './fixture/market.js';

async function answer(m: AttackMarket): Promise<CertifiedResponse> {
    const r = (await m.w.as(Principal.anonymous()).certifiedTrustSummary(m.victim))[0];
    return { summary: r.summary, certificate: Uint8Array.from(r.certificate), witness: Uint8Array.from(r.witness) };
}

export const attacks: Attack[] = [
    {
        name: 'stale proof: replayed summary from before a critical flag',
        source: '19',
        async run() {
            const m = await attackMarket();
            const keys = deriveDevKeys();
            m.w.pic.ic.setCertifier(new LocalCertifier(keys));
            const ctx = { rootKey: keys.rootKeyDer, canisterId: m.w.marketId, provider: m.victim };
            const nowMs = () => Number(m.w.nowNs() / 1_000_000n);
            const old = await answer(m);
            const then = JSON.parse(old.summary) as { score: number; flags: string[] };
            // What really happens next: the platform's monitors see the victim's server down for 3 hours.
            await m.advance(3 * HOUR_MS);
            await m.uptime(m.running()[0]!, m.w.nowNs() - 3n * 60n * MIN_NS, m.w.nowNs(), () => true);
            const current = await verifyCertifiedSummary(await answer(m), { ...ctx, nowMs: nowMs() });
            const replayed = await verifyCertifiedSummary(old, { ...ctx, nowMs: nowMs() });
            const now = current.verified ? current.summary : { score: NaN, flags: [] as string[] };
            const shown = replayed.verified ? (replayed.fresh ? 'Verified' : 'Stale since its certificate time') : `Unverified (${replayed.reason})`;
            return {
                costBaseUnits: 0n, token: TOKEN, moneyMoved: 0n,
                effect: `replayed summary (score ${then.score}, flags [${then.flags.join(',')}]) 3 h later, when the current one says score ${now.score}, [${now.flags.join(',')}]: shown as ${shown}`,
                targetMet: !(replayed.verified && replayed.fresh)
            };
        }
    },
    {
        // Found here: flags that time alone raises (silent, ghost_risk, stuck requests) appear in the
        // live profile but the certified summary is rewritten only when an event touches the provider,
        // so a fresh certificate proves an old, clean summary.
        name: 'certified summary lags time-raised flags (silence)',
        source: 'new',
        async run() {
            const m = await attackMarket();
            const before = await m.standing();
            ok(await m.w.as(relay).submitConversationEvents([event('lag-q', m.running()[0]!, 'CustomerMessage', m.w.nowNs())]));
            await m.advance(2 * HOUR_MS);
            await m.advance(HOUR_MS);
            const live = await m.standing();
            const certified = JSON.parse((await m.w.as(Principal.anonymous()).certifiedTrustSummary(m.victim))[0].summary) as { score: number; flags: string[] };
            const missing = live.flags.filter((f) => !certified.flags.includes(f));
            return {
                costBaseUnits: 0n, token: TOKEN, moneyMoved: 0n,
                effect: `victim silent 3 h on a paid customer: live profile score ${before.score} → ${live.score} [${live.flags.join(',')}]; certified summary (fresh certificate) still score ${certified.score} [${certified.flags.join(',')}]`,
                targetMet: missing.length === 0 && certified.score === live.score
            };
        }
    }
];
