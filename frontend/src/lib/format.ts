/** Formatting for tokens (bigint base units with their decimals) and times (user's time zone). */

/**
 * The one amount formatter: exact, never rounded (base units are bigint, no floating point), trailing
 * zeros trimmed down to two decimals. Exact figures are what make the screen add up to what moves.
 */
export function formatTokenAmount(amount: bigint, decimals: number, symbol?: string): string {
    const negative = amount < 0n;
    const abs = negative ? -amount : amount;
    const base = 10n ** BigInt(decimals);
    const whole = abs / base;
    let frac = decimals > 0 ? (abs % base).toString().padStart(decimals, '0') : '';
    frac = frac.replace(/0+$/, '');
    if (frac.length < 2 && decimals >= 2) frac = frac.padEnd(2, '0');
    const wholeText = new Intl.NumberFormat(undefined, { useGrouping: true }).format(whole);
    const sep = new Intl.NumberFormat(undefined).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    const text = `${negative ? '−' : ''}${wholeText}${frac.length > 0 ? sep + frac : ''}`;
    return symbol === undefined ? text : `${text} ${symbol}`;
}

/** "139,990,000 base units": the ledger's own integer, shown on hover. */
export function formatBaseUnits(amount: bigint): string {
    return `${new Intl.NumberFormat(undefined, { useGrouping: true }).format(amount)} base units`;
}

/** Plain decimal text for files (CSV): no grouping, "." as separator, all decimals. */
export function plainTokenAmount(amount: bigint, decimals: number): string {
    const negative = amount < 0n;
    const abs = negative ? -amount : amount;
    const base = 10n ** BigInt(decimals);
    const frac = decimals > 0 ? `.${(abs % base).toString().padStart(decimals, '0')}` : '';
    return `${negative ? '-' : ''}${abs / base}${frac}`;
}

/** Parses "12.5" into base units; throws on more fraction digits than `decimals` or bad input. */
export function parseTokenAmount(text: string, decimals: number): bigint {
    const t = text.trim().replace(/,/g, '');
    if (!/^\d+(\.\d*)?$/.test(t)) throw new Error('Enter a number, like 1.25');
    const [whole = '0', frac = ''] = t.split('.');
    if (frac.length > decimals) throw new Error(`At most ${decimals} decimal places`);
    return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, '0') || '0');
}

/** IC time (nanoseconds since the epoch) → Date. */
export function nsToDate(ns: bigint): Date {
    return new Date(Number(ns / 1_000_000n));
}

export function dateToNs(d: Date): bigint {
    return BigInt(d.getTime()) * 1_000_000n;
}

const dateTimeFmt = () =>
    new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
const dateFmt = () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(ns: bigint | Date): string {
    return dateTimeFmt().format(typeof ns === 'bigint' ? nsToDate(ns) : ns);
}

export function formatDate(ns: bigint | Date): string {
    return dateFmt().format(typeof ns === 'bigint' ? nsToDate(ns) : ns);
}

/** ISO string for `<time dateTime>`. */
export function isoTime(ns: bigint): string {
    return nsToDate(ns).toISOString();
}

export function formatDuration(seconds: number): string {
    if (!Number.isFinite(seconds)) return '—';
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.round(s / 60)} min`;
    if (s < 86_400) {
        const h = Math.floor(s / 3600);
        const m = Math.round((s % 3600) / 60);
        return m === 0 ? `${h} h` : `${h} h ${m} min`;
    }
    const d = Math.floor(s / 86_400);
    const h = Math.round((s % 86_400) / 3600);
    return h === 0 ? `${d} d` : `${d} d ${h} h`;
}

export function formatHours(hours: number): string {
    if (hours % 24 === 0) {
        const d = hours / 24;
        return d === 1 ? '1 day' : `${d} days`;
    }
    return hours === 1 ? '1 hour' : `${hours} hours`;
}

export function formatPercent(ratio: number, fractionDigits = 1): string {
    return new Intl.NumberFormat(undefined, {
        style: 'percent',
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits
    }).format(ratio);
}

/** Basis points (1/100 of a percent) → "99.90%". */
export function formatBps(bps: number, fractionDigits = 2): string {
    return formatPercent(bps / 10_000, fractionDigits);
}

export function shortPrincipal(p: string): string {
    return p.length <= 16 ? p : `${p.slice(0, 5)}…${p.slice(-3)}`;
}
