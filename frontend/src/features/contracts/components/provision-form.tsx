import { useState } from 'react';
import { Alert, Button, Dialog, InputField } from '@/components/ui';
import { errorMessage } from '@/lib/canister-error';
import { parseProbeEndpoint, useContractAction } from '../api/contract-actions';
import type { Contract } from '../types';

/** The provider's steps after accepting: start provisioning, report it provisioned (with an optional monitoring endpoint), or report a failure. */
export function ProvisionForm({ c }: { c: Contract }) {
    const action = useContractAction();
    const [connection, setConnection] = useState('');
    const [endpoint, setEndpoint] = useState('');
    const [failing, setFailing] = useState(false);
    const probe = endpoint.trim() === '' ? undefined : parseProbeEndpoint(endpoint);
    return (
        <form
            aria-label={`Provision contract ${c.id}`}
            onSubmit={(e) => {
                e.preventDefault();
                if (connection.trim() !== '' && typeof probe !== 'string') action.mutate({ kind: 'provisioned', id: c.id, connection: connection.trim(), probe });
            }}
        >
            {c.status === 'Accepted' ? (
                <Button size="sm" isLoading={action.isPending && action.variables?.kind === 'provisioning'} onClick={() => action.mutate({ kind: 'provisioning', id: c.id })}>
                    Start provisioning #{c.id.toString()}
                </Button>
            ) : (
                <InputField
                    label={`Connection details for #${c.id}`}
                    value={connection}
                    onChange={(e) => setConnection(e.target.value)}
                    placeholder="ssh root@203.0.113.7 -p 22"
                    hint="Shown to the tenant only. Billing starts when you report the server provisioned."
                />
            )}
            {c.status === 'Provisioning' && (
                <InputField
                    label={`Monitoring endpoint for #${c.id} (optional)`}
                    value={endpoint}
                    onChange={(e) => setEndpoint(e.target.value)}
                    placeholder="https://203.0.113.7/health or tcp://203.0.113.7:22"
                    hint="Public: uptime monitors probe it, and your uptime record builds on what they see."
                    error={typeof probe === 'string' ? probe : undefined}
                />
            )}
            <div className="row">
                {c.status === 'Provisioning' && (
                    <Button type="submit" size="sm" disabled={connection.trim() === '' || typeof probe === 'string'} isLoading={action.isPending && action.variables?.kind === 'provisioned'}>
                        Report provisioned
                    </Button>
                )}
                <Button size="sm" variant="danger" onClick={() => setFailing(true)}>
                    Provisioning failed
                </Button>
            </div>
            {action.isError && <Alert tone="error">{errorMessage(action.error)}</Alert>}
            <Dialog
                open={failing}
                onClose={() => setFailing(false)}
                title="Report provisioning failure"
                footer={
                    <Button variant="danger" isLoading={action.isPending} onClick={() => action.mutate({ kind: 'failed', id: c.id, note: 'provisioning failed' }, { onSuccess: () => setFailing(false) })}>
                        Report failure and refund
                    </Button>
                }
            >
                <p>The tenant is refunded in full, and the failure counts against your trust score.</p>
            </Dialog>
        </form>
    );
}
