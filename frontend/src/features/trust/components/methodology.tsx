// The trust methodology, printed from the canister's own constants (one source: the rules the
// canister runs are the rules this page states).
import { BREADTH_HISTORY_MONTHS, BREADTH_MIN_MONTHS, CHAT_GRACE_AFTER_CLOSE, CHEAP_ANOMALY, CREDIT_FLOOR, CREDIT_TIERS, FRESH_CREDIT_CAP, FULL_VALUE_TOKENS_PER_MONTH, FULL_VOICE_INDEPENDENCE, FULL_VOICE_TOKENS, MEASURE_MIN_VOICE, HISTORY_MIN_MONTHS, INDEPENDENT_SHARE, MAX_DECLARED_MONITORS, MEASURED_SERVICE_MIN, MIN_COMPARABLE_PROVIDERS, MIN_COMPARABLES, MIN_COVERAGE_BPS, MIN_UNITS, SCORE as S, SERVED_AFTER, STANDING_PRIOR_MONTHS, STANDING_PRIOR_SHARE, STUCK_AFTER, TENANT_CAP_MONTHS, TRACKED_PROVIDERS, VOUCHED_CONTRACTS } from '@trustcloud/marketplace/methodology';
import { CERTIFICATE_MAX_AGE_MS } from '../api/verify-summary';

export const METHODOLOGY_PATH = '/trust/methodology';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const hours = (s: number) => `${s / 3600} h`;
const days = (s: number) => `${s / 86_400} days`;
const pts = (p: number) => (p > 0 ? `+${p}` : `${p}`);

interface Line {
    rule: string;
    when: string;
    points: string;
}

const RULES: Line[] = [
    { rule: 'Early cancellations', when: `share of paid contracts cancelled after start that end in their first 10% of the paid-for time; only contracts the platform measured up for at least ${hours(MEASURED_SERVICE_MIN)} count, each weighted by its tenant’s independence; an early one counts as far as the platform measured the contract’s downtime budget used, in full at its uptime target or below: leaving a server that stayed up is the tenant’s choice (rate estimated with a prior of ${pct(S.earlyCancel.prior)} worth ${S.rateStrength} contracts). Points from the prior to the limit of ${pct(S.earlyCancel.threshold)}, × confidence n ÷ (n + ${S.rateStrength}); past the limit flagged, critical, once the early ones left the provider ${S.earlyCancel.flagTokens} tokens earned before them (× the tenant’s voice)`, points: `0 to ${S.earlyCancel.points}` },
    { rule: 'Paid contracts the provider failed', when: `accepted and then failed provisioning, or accepted and left unprovisioned over ${hours(STUCK_AFTER)} (served contracts weighted by their tenants’ credit, each tenant’s first ${VOUCHED_CONTRACTS} only, those of tenants without history elsewhere, and of tenants with history beyond their reach (${BREADTH_HISTORY_MONTHS} months elsewhere in full), ${FRESH_CREDIT_CAP} at most all together; prior ${pct(S.paidFailure.prior)}). Points from the prior, ${S.paidFailure.points} at ${pct(S.paidFailure.threshold)} (flagged, critical), ${S.paidFailure.maxPoints} at 100%. Paid requests declined or left to expire before service are refunded and are no failure`, points: `0 to ${S.paidFailure.maxPoints}` },
    { rule: 'Slow first response', when: `median first response on paid contracts from ${hours(S.slowResponse.from)} (0) to ${hours(S.slowResponse.above)} (full points; flagged from ${S.slowResponse.minSamples} conversations), × confidence n ÷ (n + ${S.slowResponse.minSamples}) conversations`, points: `0 to ${S.slowResponse.points}` },
    { rule: 'Fast first response', when: `median first response of ${hours(S.fastResponse.below)} or faster (full points) to ${hours(S.fastResponse.until)} (0), on a log scale, × the same confidence`, points: `0 to ${pts(S.fastResponse.points)}` },
    { rule: 'Feedback balance (90 days)', when: `net feedback (+1 per yes, −1 per no, each × the tenant’s voice) below ${S.reputation90d.below}`, points: pts(S.reputation90d.points) },
    { rule: 'Ghost risk', when: `running paid contracts and no provider activity for ${days(S.ghost.after)}`, points: pts(S.ghost.points) },
    { rule: 'No public contact', when: 'the provider publishes no contact and no website', points: pts(S.noContact.points) },
    { rule: 'Few would rent again', when: `estimated share (prior ${pct(S.rentAgainLow.prior)} worth ${S.feedbackStrength} answers) from the prior (0) to ${pct(S.rentAgainLow.below)} (full points; flagged below it from ${S.rentAgainLow.minAnswers} answers), × confidence n ÷ (n + ${S.feedbackStrength})`, points: `0 to ${S.rentAgainLow.points}` },
    { rule: 'Did not match the description', when: `estimated share from ${pct(S.matchedLow.prior)} (0) to ${pct(S.matchedLow.below)} (full points; flagged below it from ${S.matchedLow.minAnswers} answers), × the same confidence`, points: `0 to ${S.matchedLow.points}` },
    { rule: 'Most would rent again', when: `estimated share from the prior of ${pct(S.rentAgainHigh.prior)} (0) to ${pct(S.rentAgainHigh.full)} (full points), × the same confidence`, points: `0 to ${pts(S.rentAgainHigh.points)}` },
    { rule: 'Repeat customers', when: `more than ${S.repeatCustomers.above} tenants with two or more served paid contracts (served: ran ${hours(SERVED_AFTER)} or to its end)`, points: pts(S.repeatCustomers.points) },
    { rule: 'Completion', when: `estimated share of ended paid contracts that ran to their end above ${pct(S.completion.above)} (prior ${pct(S.completion.prior)})`, points: pts(S.completion.points) },
    { rule: 'Concentration', when: `the largest tenant has ${pct(S.concentration.share)} or more of the paid time and there are fewer than ${S.concentration.payers} paying tenants`, points: pts(S.concentration.points) },
    { rule: 'Uptime against target', when: `the worst offering, over 30 days, against its own target: ${S.uptime.perPp} per percentage point short (the shortfall shrunk toward the target by a prior of ${S.uptime.priorMinutes / 1_440} days), to ${S.uptime.maxPoints}; above target up to ${pts(S.uptime.bonusPoints)} for the share of the downtime budget left unused, × measured minutes ÷ (minutes + ${S.uptime.priorMinutes}). Flagged from ${S.uptime.flagMinutes} observed minutes below target; an offering more than ${S.uptime.severeBelowBps / 100} pp short over ${S.uptime.minMinutes} minutes is critical`, points: `${pts(S.uptime.bonusPoints)} to ${S.uptime.maxPoints}` },
    { rule: 'Silence', when: `paid customers’ messages unanswered past the offering’s response target, from customers whose voices add up to ${S.silence.minVoice}; critical`, points: pts(S.silence.points) },
    { rule: 'Late replies', when: `estimated share of replies after the response target (prior ${pct(S.lateReplies.prior)}) from the prior (0) to ${pct(S.lateReplies.threshold)} (full points; flagged past it from ${S.lateReplies.minSamples}), × confidence n ÷ (n + ${S.rateStrength})`, points: `0 to ${S.lateReplies.points}` },
    { rule: 'Claims not confirmed', when: 'independent benchmarks measure a spec more than 10% below its claim', points: pts(S.claims.points) },
    { rule: 'Price far below the market', when: `${Math.abs(CHEAP_ANOMALY) * 100}% or more below the median price per resource unit, weighted by independent served contracts, of at least ${MIN_COMPARABLES} comparable active offerings from at least ${MIN_COMPARABLE_PROVIDERS} other providers; offerings under ${MIN_UNITS} resource unit stay out of the index`, points: pts(S.cheapPrice.points) }
];

export function Methodology() {
    return (
        <div className="stack">
            <section aria-labelledby="m-evidence">
                <h2 id="m-evidence">Evidence is money at risk</h2>
                <ul>
                    <li>A contract counts once it is paid and provisioned. Unpaid, expired and tenant-cancelled-before-provisioning requests count for nothing.</li>
                    <li>
                        Each contract weighs its months of service × min(1, its paid value per month ÷ {FULL_VALUE_TOKENS_PER_MONTH} whole token). Each tenant’s weight is
                        capped at {TENANT_CAP_MONTHS} months, so many contracts from one payer (or the provider renting from itself) cannot build a record.
                    </li>
                    <li>Each provider-caused failure of a paid contract adds {S.failureEvidence} unit of evidence — against the provider.</li>
                    <li>
                        A tenant’s voice: 0 without history elsewhere, else min(1, its independence ÷ {FULL_VOICE_INDEPENDENCE}) × min(1, its contract’s paid value ÷{' '}
                        {FULL_VOICE_TOKENS} whole token). Each tenant’s first {S.feedbackPerTenant} feedback answers about a provider count with that voice, “yes” and “no”
                        alike (an hour’s contract weighs 1/720 of a month’s); other answers are kept and weigh nothing.
                    </li>
                    <li>
                        A conversation counts in the provider’s response times and late replies when its tenant’s voice is at least {MEASURE_MIN_VOICE}. Silence is
                        flagged when the voices of the customers left waiting past the target add up to {S.silence.minVoice}: one cheap or fresh tenant cannot raise it.
                    </li>
                    <li>Flags that time alone raises (silence, ghost risk, stuck requests) are recomputed and certified at their deadline by the canister’s timer.</li>
                </ul>
            </section>
            <section aria-labelledby="m-independence">
                <h2 id="m-independence">Independent tenants and measured service</h2>
                <ul>
                    <li>
                        A tenant’s independence from a provider is the share of its paid months (value-weighted, as above) that went to other providers, counted from{' '}
                        {HISTORY_MIN_MONTHS} month of history elsewhere; below that it is 0. A tenant “with history elsewhere” has at least {pct(INDEPENDENT_SHARE)} of its paid
                        months elsewhere. Fresh principals and a provider’s own sybils have none: buying it means paying other providers.
                    </li>
                    <li>
                        Money that can go round a circle is not evidence: months with another provider count toward independence from this one only by that provider’s
                        standing, the share of its paid months vouched for by tenants independent of it who do not also pay this provider (a provider without paid months
                        stands at {pct(STANDING_PRIOR_SHARE)}, worth {STANDING_PRIOR_MONTHS} month). A ring of colluding providers whose sybils rent from each other vouches only for
                        itself, so its sybils have no history elsewhere. A tenant’s history counts with its first {TRACKED_PROVIDERS} providers. Providers the platform names
                        as anchors stand in full: a new market’s first history elsewhere.
                    </li>
                    <li>
                        A tenant’s months count {pct(CREDIT_FLOOR)} + {pct(1 - CREDIT_FLOOR)} × its independence. The score counts at most {S.breadth.perIndependent} month per tenant
                        with history elsewhere that paid for {Math.round(BREADTH_MIN_MONTHS * 30)} days here (plus one), and {S.breadth.perMeasuredDay} month per day of service the platform’s prober measured up in the last 30 days.
                        Such a tenant counts in full from {BREADTH_HISTORY_MONTHS} months of history elsewhere (counted as above), in part below: independence bought with half a
                        token elsewhere widens a provider’s breadth by a quarter of a tenant.
                    </li>
                    <li>
                        A measured minute counts for the score (measured days and each offering’s uptime) by its tenant’s independence, from tenants with history elsewhere only, shared among the tenant’s running
                        contracts with the provider: one server’s worth per tenant. A sybil’s own server, always up, counts nothing; the minutes as measured are still shown.
                    </li>
                    <li>
                        A tenant can switch off its own server, and the probes cannot tell that from a failure of the provider: an offering’s downtime counts at most as much as its median
                        tenant saw over 30 days (tenants weighed by their history elsewhere, in full from {BREADTH_HISTORY_MONTHS} months), lowered no further than its target. Downtime
                        only a minority of its tenants saw does not lower the score.
                    </li>
                    <li>
                        Without tenants with history elsewhere worth {S.breadth.minIndependent} in full and {S.breadth.minMeasuredDays} measured days, the counted evidence stays under{' '}
                        {S.breadth.narrowCap} months: the score cannot reach 80. Sybils alone reach {S.prior + Math.round((100 - S.prior) * (S.breadth.perIndependent / (S.breadth.perIndependent + S.priorStrength)))} at most.
                    </li>
                    <li>Chat signals count only on paid contracts while they are open, and the provider’s reply to a waiting message for {days(CHAT_GRACE_AFTER_CLOSE)} after close.</li>
                </ul>
            </section>
            <section aria-labelledby="m-score">
                <h2 id="m-score">From evidence to a score</h2>
                <ul>
                    <li>Every provider starts at the neutral {S.prior}; without evidence it stays there, below any provider with good evidence.</li>
                    <li>
                        Quality: raw = {S.prior} + {100 - S.prior} × (share of the paid contracts the provider did not fail, counted as in the failure rule) + the points of
                        the rules below, kept within 0–100.
                    </li>
                    <li>
                        Evidence weight w = n ÷ (n + {S.priorStrength}), n in counted paid service months plus failures. Score = {S.prior} + w × (raw − {S.prior}). The breakdown shows each line’s
                        share (rule points × w), rounded so that the lines add up to the score shown.
                    </li>
                    <li>
                        Sorting uses a lower confidence bound (one-sided 95%, z = {S.rankZ}) of the quality under a prior centred on {S.prior}: “100% of 2” ranks below “99% of 300”.
                    </li>
                    <li>Rates use Beta posterior means (k + prior × m) ÷ (n + m), so one bad contract of a new provider does not trip a threshold that a hundred would.</li>
                    <li>
                        Measured rules are graded: their points follow the estimate continuously (0 at the prior, full points at the flag’s limit), and those tenants can
                        provoke grow with the evidence as well, so no rule jumps at a threshold and a handful of events moves little. Flags keep their thresholds.
                    </li>
                </ul>
            </section>
            <section aria-labelledby="m-rules">
                <h2 id="m-rules">Every rule</h2>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">Rule</th>
                            <th scope="col">When</th>
                            <th scope="col">Points (before the weight)</th>
                        </tr>
                    </thead>
                    <tbody>
                        {RULES.map((r) => (
                            <tr key={r.rule}>
                                <td>{r.rule}</td>
                                <td>{r.when}</td>
                                <td>{r.points}</td>
                            </tr>
                        ))}
                    </tbody>
                </table>
            </section>
            <section aria-labelledby="m-uptime">
                <h2 id="m-uptime">Uptime and SLA credits</h2>
                <ul>
                    <li>
                        Each contract has assigned monitors: the platform’s prober (and monitors the platform runs) and up to {MAX_DECLARED_MONITORS} monitors its provider or tenant
                        declared. Reports from any other monitor are refused.
                    </li>
                    <li>
                        One vote a minute per monitor, whatever it reports through (its probes first). A minute follows the majority of the platform’s monitors; push heartbeats
                        (the tenant’s own server) and monitors the provider or tenant declared never decide a minute, and a minute no platform monitor saw is not counted.
                        Disagreement is shown.
                    </li>
                    <li>
                        Uptime Kuma and Alertmanager notifications are state changes at their own time: down from the DOWN (firing) notification until the next UP (resolved), as
                        long as the notifier keeps repeating it; maintenance or a pause ends the count.
                    </li>
                    <li>
                        SLA credits per day of service, when at least {MIN_COVERAGE_BPS / 100}% of the day was monitored:{' '}
                        {CREDIT_TIERS.map((t) => (Number.isFinite(t.belowTargetBps) ? `up to ${t.belowTargetBps / 100} pp below target → ${t.creditBps / 100}%` : `more → ${t.creditBps / 100}%`)).join('; ')} of
                        the day’s price.
                    </li>
                </ul>
            </section>
            <section aria-labelledby="m-proof">
                <h2 id="m-proof">Proof</h2>
                <p>
                    The canister certifies every provider’s summary (score, rank, evidence, 30-day uptime, flags) in a hash tree whose root is the canister’s certified data. The app
                    checks the Internet Computer’s certificate against its root key, the tree against the certificate, and the summary against the tree, in your browser, and says
                    whether it did. It says “Verified” only while the certificate is at most {CERTIFICATE_MAX_AGE_MS / 60_000} minutes old by the Internet Computer’s clock; an
                    older one is genuine but may predate later events (anyone between you and the network can replay an old answer), so it is shown as “Stale since” its time.
                </p>
            </section>
        </div>
    );
}
