// The escrow's audit: books recomputed from every record against the incremental ones and the
// ledger balances (a full scan, controllers and relays), the kept books (no scan), per-page checks.
import { Books, auditToken, booksDiff, contractViolations, liabilities, type TokenAudit } from './domain/books';
import type { Records } from './view';

export interface AuditReport {
    at: bigint;
    tokens: TokenAudit[];
    violations: string[];
    ok: boolean;
}

export function checkBooks(r: Records, incremental: Books, ledgerBalances: Map<string, bigint> | null, now: bigint): AuditReport {
    const contracts = r.contracts.values();
    const rebuilt = Books.build(contracts, r.transfers.values());
    const violations: string[] = [];
    for (const c of contracts) violations.push(...contractViolations(c));
    for (const [k, v] of rebuilt.balances) if (v < 0n && !k.includes('~inflight')) violations.push(`balance ${k} is negative: ${v}`);
    violations.push(...booksDiff(incremental, rebuilt).map((d) => `incremental books differ: ${d}`));
    const tokens = r.config().tokens.map((t) => {
        const totals = rebuilt.token(t.symbol);
        const a = auditToken(totals, ledgerBalances?.get(t.symbol) ?? liabilities(totals));
        if (!a.ok) violations.push(`${t.symbol}: ledger balance ${a.ledgerBalance} < liabilities ${a.liabilities} − in flight ${a.inFlight}`);
        return a;
    });
    return { at: now, tokens, violations, ok: violations.length === 0 };
}

/** The incremental books (no scan): cheap at any size. */
export function booksNow(r: Records, now: bigint): AuditReport {
    const violations: string[] = [];
    const neg = r.negatives();
    if (neg > 0) violations.push(`${neg} balances are negative (audit names them)`);
    const tokens = r.config().tokens.map((t) => {
        const totals = r.books.token(t.symbol);
        return auditToken(totals, liabilities(totals));
    });
    return { at: now, tokens, violations, ok: violations.length === 0 };
}

/** Per-contract invariants over one page of contracts (for large books, page through them). */
export function checkContracts(r: Records, offset: number, limit: number): string[] {
    const out: string[] = [];
    const n = r.contractIds();
    for (let i = offset; i < Math.min(n, offset + Math.min(limit, 1000)); i++) {
        const c = r.contracts.get(BigInt(i + 1));
        if (c !== undefined) out.push(...contractViolations(c));
    }
    return out;
}

/** Merges the ledger balances read (after the awaits) into a report over the books as they are now. */
export function withLedger(report: AuditReport, read: Map<string, bigint>, errors: string[]): AuditReport {
    for (const t of report.tokens) if (!read.has(t.token)) t.ok = false;
    report.violations.push(...errors);
    report.ok = report.violations.length === 0;
    return report;
}
