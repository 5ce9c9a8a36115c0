import { MINUTE } from '../time';

/** A downtime incident: consecutive down minutes [start, end] (minute starts, inclusive). */
export type Incident = [number, number];

export const MAX_INCIDENTS_KEPT = 50;

export interface IncidentChange {
    incidents: Incident[];
    countDelta: number;
}

/** Marks minute m down: extends or joins neighbouring incidents, or opens a new one. */
export function addDownMinute(list: readonly Incident[], m: number): IncidentChange {
    if (list.some(([s, e]) => s <= m && m <= e)) return { incidents: list.slice(), countDelta: 0 };
    const before = list.find(([, e]) => e === m - MINUTE);
    const after = list.find(([s]) => s === m + MINUTE);
    const rest = list.filter((i) => i !== before && i !== after);
    const joined: Incident = [before?.[0] ?? m, after?.[1] ?? m];
    const countDelta = before !== undefined && after !== undefined ? -1 : before !== undefined || after !== undefined ? 0 : 1;
    return { incidents: cap(sortIncidents([...rest, joined])), countDelta };
}

/** Marks minute m no longer down (the monitors' majority changed): shrinks, splits or drops an incident. */
export function removeDownMinute(list: readonly Incident[], m: number): IncidentChange {
    const hit = list.find(([s, e]) => s <= m && m <= e);
    if (hit === undefined) return { incidents: list.slice(), countDelta: 0 };
    const rest = list.filter((i) => i !== hit);
    const parts: Incident[] = [];
    if (hit[0] < m) parts.push([hit[0], m - MINUTE]);
    if (m < hit[1]) parts.push([m + MINUTE, hit[1]]);
    return { incidents: sortIncidents([...rest, ...parts]), countDelta: parts.length - 1 };
}

const sortIncidents = (l: Incident[]): Incident[] => l.sort((a, b) => a[0] - b[0]);
const cap = (l: Incident[]): Incident[] => l.slice(Math.max(0, l.length - MAX_INCIDENTS_KEPT));

export const incidentMinutes = ([s, e]: Incident): number => (e - s) / MINUTE + 1;

export function incidentSummary(list: readonly Incident[]): { longestMinutes: number; averageMinutes: number | null } {
    if (list.length === 0) return { longestMinutes: 0, averageMinutes: null };
    const lengths = list.map(incidentMinutes);
    return { longestMinutes: Math.max(...lengths), averageMinutes: lengths.reduce((a, b) => a + b, 0) / lengths.length };
}
