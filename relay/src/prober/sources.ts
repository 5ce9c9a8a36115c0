// The relay's side of the one registry of monitor sources (canisters/marketplace/src/trust/domain/
// uptime/sources.ts): the same names as Candid's `UptimeReport.source`, checked against the
// generated declarations at compile time, so a source is added in one place.
import { MONITOR_SOURCES, type UptimeSource } from '../../../canisters/marketplace/src/trust/domain/uptime/sources.js';
import type { UptimeReportCandid } from '../gateway/candid.js';

/** What the relay reports: every source but a declared monitor's own checks. */
export type RelaySource = Exclude<UptimeSource, 'Monitor'>;

type KeysOf<T> = T extends unknown ? keyof T : never;
type CandidSource = KeysOf<NonNullable<UptimeReportCandid['source'][0]>>;
// Compile-time check: the registry and the generated Candid name the same sources.
const sameNames: [UptimeSource] extends [CandidSource] ? ([CandidSource] extends [UptimeSource] ? true : never) : never = true;
void sameNames;

/** Sources that give at most one sample per minute (the canister refuses more). */
export const isOneSample = (s: RelaySource): boolean => MONITOR_SOURCES[s].oneSample;

export { MONITOR_SOURCES };
