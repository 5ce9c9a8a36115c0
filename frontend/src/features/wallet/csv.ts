import { plainTokenAmount } from '@/lib/format';
import type { Movement } from './types';

const cell = (v: string): string => (/[",\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * The movements as CSV: exact decimal amounts (no rounding, "." separator), ISO times, ledger
 * blocks. Cells that a spreadsheet would run as a formula are quoted.
 */
export function movementsCsv(rows: Movement[], describe: (m: Movement) => string, net: (m: Movement) => bigint, decimalsOf: (token: string) => number): string {
    const head = ['seq', 'time', 'kind', 'description', 'contract', 'token', 'amount', 'fee', 'net', 'ledger_block', 'reference'];
    const lines = rows.map((m) => {
        const d = decimalsOf(m.token);
        return [
            m.seq.toString(),
            new Date(Number(m.at / 1_000_000n)).toISOString(),
            m.kind,
            describe(m),
            m.contractId?.toString() ?? '',
            m.token,
            plainTokenAmount(m.amount, d),
            plainTokenAmount(m.fee, d),
            plainTokenAmount(net(m), d),
            m.block?.toString() ?? '',
            m.ref
        ]
            .map(cell)
            .join(',');
    });
    return [head.join(','), ...lines].join('\r\n') + '\r\n';
}

export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
