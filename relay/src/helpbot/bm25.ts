/** BM25 ranking over Help Center articles: title counts twice, content once. */
export interface Doc {
    id: string;
    title: string;
    body: string;
}

export interface Ranked<D> {
    doc: D;
    score: number;
    /** Share of the query's weight (by IDF) that this document matches, 0..1. */
    coverage: number;
}

const STOP = new Set(
    'a an and are as at be but by can do does for from have how i if in is it my me of on or our so that the their there this to was we what when where which who why will with you your'.split(' ')
);

export function tokenize(text: string): string[] {
    return (text.toLowerCase().normalize('NFKD').match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => t.length > 1 && !STOP.has(t)).map(stem);
}

/** A light suffix stemmer: enough to match "servers"/"server", "restarting"/"restart". */
function stem(t: string): string {
    if (t.length > 5 && t.endsWith('ing')) return t.slice(0, -3);
    if (t.length > 4 && t.endsWith('ed')) return t.slice(0, -2);
    if (t.length > 3 && t.endsWith('s') && !t.endsWith('ss')) return t.slice(0, -1);
    return t;
}

export class Bm25Index<D extends Doc> {
    private readonly tf: Map<string, number>[];
    private readonly lengths: number[];
    private readonly df = new Map<string, number>();
    private readonly avgLen: number;

    constructor(
        private readonly docs: D[],
        private readonly k1 = 1.2,
        private readonly b = 0.75
    ) {
        this.tf = docs.map((d) => counts([...tokenize(d.title), ...tokenize(d.title), ...tokenize(d.body)]));
        this.lengths = this.tf.map((m) => [...m.values()].reduce((a, n) => a + n, 0));
        for (const m of this.tf) for (const t of m.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
        this.avgLen = this.lengths.reduce((a, n) => a + n, 0) / Math.max(1, docs.length);
    }

    idf(term: string): number {
        const n = this.df.get(term) ?? 0;
        return Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5));
    }

    search(query: string, limit = 3): Ranked<D>[] {
        const terms = [...new Set(tokenize(query))];
        const totalWeight = terms.reduce((a, t) => a + this.idf(t), 0);
        if (terms.length === 0 || totalWeight === 0) return [];
        const ranked = this.docs.map((doc, i) => this.scoreDoc(doc, i, terms, totalWeight));
        return ranked.filter((r) => r.score > 0).sort((a, b) => b.score - a.score).slice(0, limit);
    }

    private scoreDoc(doc: D, i: number, terms: string[], totalWeight: number): Ranked<D> {
        const tf = this.tf[i] ?? new Map<string, number>();
        const len = this.lengths[i] ?? 0;
        let score = 0;
        let matched = 0;
        for (const t of terms) {
            const f = tf.get(t) ?? 0;
            if (f === 0) continue;
            const idf = this.idf(t);
            matched += idf;
            score += (idf * f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * len) / (this.avgLen || 1)));
        }
        return { doc, score, coverage: matched / totalWeight };
    }
}

function counts(tokens: string[]): Map<string, number> {
    const m = new Map<string, number>();
    for (const t of tokens) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
}
