import type { HTMLAttributes, ReactNode } from 'react';
import { TableScroll } from './table-scroll';

/** One column: its header, how a row fills the cell, and whether it holds an amount (right-aligned). */
export interface Column<T> {
    header: string;
    cell: (row: T) => ReactNode;
    num?: boolean;
    /** The label a stacked (narrow screen) cell shows; the header by default. */
    label?: string;
    className?: string;
    cellProps?: (row: T) => HTMLAttributes<HTMLTableCellElement> & { 'data-testid'?: string };
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { 'data-testid'?: string; 'data-kind'?: string };

/** A table that scrolls sideways when it must and stacks its cells on narrow screens (`stack-sm`). */
export function DataTable<T>({
    label,
    rows,
    rowKey,
    columns,
    rowProps,
    className,
    named = false
}: {
    label: string;
    rows: readonly T[];
    rowKey: (row: T) => string;
    columns: readonly (Column<T> | false)[];
    rowProps?: (row: T) => RowAttributes;
    className?: string;
    /** Give the table itself the label as its accessible name (for pages with several tables). */
    named?: boolean;
}) {
    const shown = columns.filter((c): c is Column<T> => c !== false);
    const cls = (c: Column<T>) => [c.num ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined;
    return (
        <TableScroll label={label}>
            <table className={['stack-sm', className ?? ''].join(' ').trim()} aria-label={named ? label : undefined}>
                <thead>
                    <tr>
                        {shown.map((c) => (
                            <th key={c.header} scope="col" className={c.num ? 'num' : undefined}>
                                {c.header}
                            </th>
                        ))}
                    </tr>
                </thead>
                <tbody>
                    {rows.map((r) => (
                        <tr key={rowKey(r)} {...rowProps?.(r)}>
                            {shown.map((c) => (
                                <td key={c.header} data-label={c.label ?? c.header} className={cls(c)} {...c.cellProps?.(r)}>
                                    {c.cell(r)}
                                </td>
                            ))}
                        </tr>
                    ))}
                </tbody>
            </table>
        </TableScroll>
    );
}
