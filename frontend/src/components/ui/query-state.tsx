import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorMessage } from '@/lib/canister-error';
import { Alert } from './alert';
import { Button } from './button';
import { Spinner } from './spinner';

/** Renders loading and error states of a query uniformly; children get the data. */
export function QueryState<T>({ query, label, children, empty }: { query: UseQueryResult<T>; label: string; children: (data: T) => ReactNode; empty?: (data: T) => boolean }) {
    if (query.isPending) {
        return (
            <div className="query-loading">
                <Spinner label={`Loading ${label}…`} />
            </div>
        );
    }
    if (query.isError) {
        return (
            <Alert
                tone="error"
                title={`Could not load ${label}`}
                action={
                    <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
                        Retry
                    </Button>
                }
            >
                {errorMessage(query.error)}
            </Alert>
        );
    }
    if (empty?.(query.data)) return <p className="empty">No {label} yet.</p>;
    return <>{children(query.data)}</>;
}
