// What trust's planners may read: its tables, read only. Only apply.ts holds the store itself.
import type { Rows, Table } from '../../kernel/kv';
import type { MarketReader } from '../ports';
import type { TrustStore } from './state';

export type TableName = keyof TrustStore;
export type Row<T extends TableName> = TrustStore[T] extends Table<string, infer V> ? V : never;

export type { Rows };

/** Table name → its record type. */
export type TrustRows = { [T in TableName]: Row<T> };

export type TrustView = { readonly [T in TableName]: Rows<Row<T>> };

/** The market as trust's planners see it: reads only; what changes it (SLA credits, reporter roles) is an effect. */
export type MarketReads = Omit<MarketReader, 'creditTenant' | 'setReporterRoles'>;

export function readView(store: TrustStore): TrustView {
    const view = {} as Record<TableName, Rows<unknown>>;
    for (const name of Object.keys(store) as TableName[]) {
        const t = store[name] as Table<string, unknown>;
        view[name] = { get: (key) => t.get(key) };
    }
    return view as TrustView;
}
