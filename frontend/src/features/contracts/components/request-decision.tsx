import { useState } from 'react';
import { Button, Dialog, FieldError, InputField } from '@/components/ui';
import { errorMessage } from '@/lib/canister-error';
import { useContractAction } from '../api/contract-actions';
import type { Contract } from '../types';

/** The provider's answer to a pending request: accept, or reject with a reason (the tenant is refunded in full). */
export function RequestDecision({ c }: { c: Contract }) {
    const action = useContractAction();
    const [rejecting, setRejecting] = useState(false);
    const [note, setNote] = useState('');
    return (
        <>
            <div className="row">
                <Button size="sm" isLoading={action.isPending && action.variables?.kind === 'accept'} onClick={() => action.mutate({ kind: 'accept', id: c.id })}>
                    Accept
                </Button>
                <Button size="sm" variant="danger" onClick={() => setRejecting(true)}>
                    Reject
                </Button>
            </div>
            {action.isError && <FieldError>{errorMessage(action.error)}</FieldError>}
            <Dialog
                open={rejecting}
                onClose={() => setRejecting(false)}
                title={`Reject request #${c.id}`}
                footer={
                    <>
                        <Button variant="secondary" onClick={() => setRejecting(false)}>
                            Back
                        </Button>
                        <Button
                            variant="danger"
                            isLoading={action.isPending}
                            onClick={() => action.mutate({ kind: 'reject', id: c.id, note }, { onSuccess: () => setRejecting(false) })}
                        >
                            Reject and refund the tenant
                        </Button>
                    </>
                }
            >
                <p>The tenant gets the full payment back.</p>
                <InputField label="Reason" value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
            </Dialog>
        </>
    );
}
