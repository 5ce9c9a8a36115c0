/** Just enough HTML reading for saved benchmark pages: tables, cells, text. */
export function textOf(html: string): string {
    return decodeEntities(html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim();
}

export function decodeEntities(s: string): string {
    return s
        .replace(/&nbsp;/g, ' ')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;|&apos;/g, "'")
        .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)));
}

/** Tables whose opening tag matches `selector` (a class or id substring), as rows of cell texts. */
export function tables(html: string, selector?: string): string[][][] {
    const out: string[][][] = [];
    for (const m of html.matchAll(/<table\b([^>]*)>([\s\S]*?)<\/table>/gi)) {
        if (selector && !(m[1] ?? '').includes(selector)) continue;
        out.push(rows(m[2] ?? ''));
    }
    return out;
}

function rows(tableHtml: string): string[][] {
    return [...tableHtml.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)].map((r) => [...(r[1] ?? '').matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/gi)].map((c) => textOf(c[1] ?? '')));
}

/** The first number in a cell ("1,234.5 MB/s" → 1234.5); null when there is none. */
export function numberIn(cell: string | undefined): number | null {
    const m = /-?\d[\d,]*(?:\.\d+)?/.exec(cell ?? '');
    if (!m) return null;
    const n = Number(m[0].replace(/,/g, ''));
    return Number.isFinite(n) ? n : null;
}

/** Network speeds normalised to Mbit/s ("1.2 Gbps" → 1200). */
export function mbps(cell: string | undefined): number | null {
    const n = numberIn(cell);
    if (n === null) return null;
    return /gbit|gbps|gb\/s/i.test(cell ?? '') ? n * 1000 : n;
}

export function dateIn(text: string): number | null {
    const m = /(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?/.exec(text);
    if (!m) return null;
    const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}Z`);
    return Number.isNaN(ms) ? null : ms;
}
