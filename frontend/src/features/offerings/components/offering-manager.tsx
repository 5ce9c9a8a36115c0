import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, Button, DataTable, FieldError } from '@/components/ui';
import { paths } from '@/config/paths';
import type { Offering } from '../types';
import { errorMessage } from '@/lib/canister-error';
import { useCreateOffering } from '../api/create-offering';
import { offeringInputOf, useSetOfferingActive, useUpdateOffering } from '../api/manage-offering';
import { valuesOf } from '../offering-limits';
import { OfferingForm } from './offering-form';

type Editing = { kind: 'new' } | { kind: 'edit'; o: Offering } | { kind: 'duplicate'; o: Offering } | undefined;

/** The provider's offerings: publish, edit (price, specs, stock), pause or publish again, duplicate. */
export function OfferingManager({ offerings, decimals, symbol, price }: { offerings: Offering[]; decimals: number; symbol: string; price: (v: bigint) => ReactNode }) {
    const [editing, setEditing] = useState<Editing>();
    const [done, setDone] = useState<string>();
    const create = useCreateOffering();
    const update = useUpdateOffering();
    const active = useSetOfferingActive();
    const open = (e: Editing) => {
        create.reset();
        update.reset();
        setDone(undefined);
        setEditing(e);
    };
    return (
        <div className="stack">
            <div className="row">
                <Button size="sm" variant="secondary" aria-expanded={editing?.kind === 'new'} onClick={() => open(editing?.kind === 'new' ? undefined : { kind: 'new' })}>
                    {editing?.kind === 'new' ? 'Close form' : 'New offering'}
                </Button>
            </div>
            {done && <Alert tone="success">{done}</Alert>}
            {editing !== undefined && (
                <section aria-label={editing.kind === 'edit' ? `Edit ${editing.o.name}` : 'New offering'} className="card-inset">
                    <h3>{editing.kind === 'edit' ? `Edit “${editing.o.name}”` : editing.kind === 'duplicate' ? `Copy of “${editing.o.name}”` : 'New offering'}</h3>
                    {editing.kind === 'edit' && <p className="muted">Running contracts keep the price they were quoted; new rentals get the new terms.</p>}
                    <OfferingForm
                        key={editing.kind === 'new' ? 'new' : `${editing.kind}-${editing.o.id}`}
                        decimals={decimals}
                        symbol={symbol}
                        label={editing.kind === 'edit' ? 'Edit offering' : 'New offering'}
                        initial={editing.kind === 'new' ? undefined : { ...valuesOf(offeringInputOf(editing.o), decimals), name: editing.kind === 'duplicate' ? `${editing.o.name} (copy)` : editing.o.name }}
                        submitLabel={editing.kind === 'edit' ? 'Save changes' : 'Publish offering'}
                        isPending={create.isPending || update.isPending}
                        error={create.error ?? update.error}
                        onSubmit={(input) =>
                            editing.kind === 'edit'
                                ? update.mutate({ id: editing.o.id, token: editing.o.token, input }, { onSuccess: () => (setEditing(undefined), setDone('Changes saved.')) })
                                : create.mutate(input, { onSuccess: () => (setEditing(undefined), setDone('Offering published.')) })
                        }
                    />
                </section>
            )}
            {offerings.length === 0 ? (
                <p className="empty">No offerings yet.</p>
            ) : (
                <DataTable
                    label="Your offerings"
                    rows={offerings}
                    rowKey={(o) => o.id.toString()}
                    rowProps={(o) => ({ 'data-testid': `my-offering-${o.id}` })}
                    columns={[
                        { header: 'Offering', cell: (o) => <Link to={paths.offering.href(o.id)}>{o.name}</Link> },
                        { header: 'State', cell: (o) => (o.active ? <span className="badge badge-good">Published</span> : <span className="badge badge-neutral">Paused (not listed)</span>) },
                        { header: 'Price / month', num: true, cell: (o) => price(o.pricePerMonth) },
                        { header: 'Stock', cell: (o) => `${o.inUse} of ${o.stock} rented` },
                        {
                            header: 'Manage',
                            cell: (o) => (
                                <>
                                    <div className="row">
                                        <Button size="sm" variant="secondary" onClick={() => open({ kind: 'edit', o })}>
                                            Edit
                                        </Button>
                                        <Button
                                            size="sm"
                                            variant="secondary"
                                            isLoading={active.isPending && active.variables?.id === o.id}
                                            onClick={() => active.mutate({ id: o.id, active: !o.active }, { onSuccess: () => setDone(o.active ? `“${o.name}” is paused: it is no longer listed; running contracts continue.` : `“${o.name}” is listed again.`) })}
                                        >
                                            {o.active ? 'Pause' : 'Publish'}
                                        </Button>
                                        <Button size="sm" variant="ghost" onClick={() => open({ kind: 'duplicate', o })}>
                                            Duplicate
                                        </Button>
                                    </div>
                                    {active.isError && active.variables?.id === o.id && <FieldError>{errorMessage(active.error)}</FieldError>}
                                </>
                            )
                        }
                    ]}
                />
            )}
        </div>
    );
}
