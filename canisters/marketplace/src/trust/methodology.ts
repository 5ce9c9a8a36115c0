// What the canister publishes to the app (package export `@trustcloud/marketplace/methodology`):
// the constants of the trust rules, which the methodology page prints, and the shape of the
// certified summary, which the browser verifies. Only pure domain and type-only imports.
export { BREADTH_MIN_MONTHS, FULL_VALUE_TOKENS_PER_MONTH, SERVED_AFTER, STUCK_AFTER, TENANT_CAP_MONTHS } from './domain/contract_records';
export { BREADTH_HISTORY_MONTHS, CREDIT_FLOOR, HISTORY_MIN_MONTHS, INDEPENDENT_SHARE, MEASURED_SERVICE_MIN, VOUCHED_CONTRACTS, FRESH_CREDIT_CAP } from './domain/independence';
export { STANDING_PRIOR_MONTHS, STANDING_PRIOR_SHARE, TRACKED_PROVIDERS } from './domain/circles';
export { CHEAP_ANOMALY, MIN_COMPARABLE_PROVIDERS, MIN_COMPARABLES, MIN_UNITS } from './domain/market';
export { SCORE } from './domain/score/constants';
export { FULL_VOICE_INDEPENDENCE, FULL_VOICE_TOKENS, MEASURE_MIN_VOICE } from './domain/voice';
export { CREDIT_TIERS, MIN_COVERAGE_BPS } from './domain/sla_credit';
export { CHAT_GRACE_AFTER_CLOSE, MAX_DECLARED_MONITORS } from './domain/validate';
export type { TrustSummary } from './certify/summaries';
