import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Dialog, InputField, QueryState, Stat, StatGrid } from '@/components/ui';
import { paths } from '@/config/paths';
import { ChatButton } from '@/features/chat/components/chat-button';
import { useCancelContract } from '@/features/contracts/api/cancel-contract';
import { useContract } from '@/features/contracts/api/get-contract';
import { useContractBalance } from '@/features/contracts/api/get-contract-balance';
import { useExtendContract } from '@/features/contracts/api/extend-contract';
import { useSubmitFeedback } from '@/features/contracts/api/submit-feedback';
import { ContractTimeline } from '@/features/contracts/components/contract-timeline';
import { EscrowSummary } from '@/features/contracts/components/escrow-summary';
import { FeedbackForm } from '@/features/contracts/components/feedback-form';
import { StatusBadge } from '@/features/contracts/components/status-badge';
import { BILLING, TERMINAL, contractEnd, contractStart, type Contract } from '@/features/contracts/types';
import { TokenAmount } from '@/features/wallet/components/token-amount';
import { useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { errorMessage } from '@/lib/canister-error';
import { formatDateTime, formatHours } from '@/lib/format';

function CancelContract({ c, canCancel }: { c: Contract; canCancel: boolean }) {
    const [open, setOpen] = useState(false);
    const [note, setNote] = useState('');
    const balance = useContractBalance(c.id, open);
    const cancel = useCancelContract();
    const refund = balance.data?.refundNow;
    return (
        <>
            {canCancel && (
                <Button variant="danger" onClick={() => setOpen(true)}>
                    Cancel contract
                </Button>
            )}
            <Dialog
                open={open}
                onClose={() => setOpen(false)}
                title={`Cancel contract #${c.id}`}
                footer={
                    cancel.isSuccess ? (
                        <Button onClick={() => setOpen(false)}>Close</Button>
                    ) : (
                        <>
                            <Button variant="secondary" onClick={() => setOpen(false)}>
                                Keep the contract
                            </Button>
                            <Button variant="danger" isLoading={cancel.isPending} onClick={() => cancel.mutate({ id: c.id, note })}>
                                Cancel and refund
                            </Button>
                        </>
                    )
                }
            >
                {cancel.isSuccess ? (
                    <Alert tone="success" title="Contract cancelled">
                        <p data-testid="refund-result">
                            Refunded: <TokenAmount value={cancel.data.refunded} />
                            {cancel.data.refundTransfer === 'InFlight' ? ' (transfer to your wallet in progress)' : ' (sent to your wallet)'}
                        </p>
                    </Alert>
                ) : (
                    <>
                        <p>The time already served stays with the provider; the rest comes back to your wallet, minus the ledger fee.</p>
                        <QueryState query={balance} label="refund preview">
                            {(b) => (
                                <StatGrid label="Refund preview">
                                    <Stat label="Refund now" value={<span data-testid="refund-preview">{refund === undefined ? '—' : <TokenAmount value={b.refundNow} />}</span>} />
                                    <Stat label="Earned by the provider" value={<TokenAmount value={b.earnedNow} />} />
                                    <Stat label="Paid" value={<TokenAmount value={b.deposited} />} />
                                </StatGrid>
                            )}
                        </QueryState>
                        <InputField label="Reason (optional)" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
                        {cancel.isError && <Alert tone="error">{errorMessage(cancel.error)}</Alert>}
                    </>
                )}
            </Dialog>
        </>
    );
}

function ExtendContract({ c }: { c: Contract }) {
    const [hours, setHours] = useState(24);
    const extend = useExtendContract();
    const valid = Number.isInteger(hours) && hours > 0;
    return (
        <form
            aria-label="Extend"
            onSubmit={(e) => {
                e.preventDefault();
                if (valid) extend.mutate({ id: c.id, hours });
            }}
        >
            <InputField label="Extend by (hours)" type="number" min={1} value={hours} onChange={(e) => setHours(Number(e.target.value))} error={valid ? undefined : 'Enter a whole number of hours.'} />
            <Button type="submit" variant="secondary" isLoading={extend.isPending} disabled={!valid}>
                Extend by {valid ? formatHours(hours) : '…'}
            </Button>
            {extend.isPending && <p role="status">{extend.variables && 'Quoting, approving and paying…'}</p>}
            {extend.isError && <Alert tone="error">{errorMessage(extend.error)}</Alert>}
            {extend.isSuccess && <Alert tone="success">Extended. The new end is shown above.</Alert>}
        </form>
    );
}

export default function ContractRoute() {
    const { contractId } = useParams();
    const id = /^\d+$/.test(contractId ?? '') ? BigInt(contractId!) : undefined;
    const auth = useAuth();
    const contract = useContract(id);
    const balance = useContractBalance(id, contract.data !== undefined);
    const feedback = useSubmitFeedback();
    useDocumentTitle(id === undefined ? 'Not a contract' : `Contract #${id}`);
    if (id === undefined) return <Alert tone="error" title="Not a contract id" />;
    if (auth.status !== 'authenticated') {
        return (
            <Card>
                <h1 tabIndex={-1}>Contract #{contractId}</h1>
                <p>Sign in to see this contract.</p>
                <Button onClick={() => void auth.signIn()}>Sign in</Button>
            </Card>
        );
    }
    return (
        <QueryState query={contract} label="contract">
            {(c) => {
                const isTenant = auth.principal === c.tenant;
                const start = contractStart(c);
                const end = contractEnd(c);
                const ended = TERMINAL.has(c.status);
                const canFeedback = isTenant && ended && start !== undefined && c.feedbackGiven !== true && (c.status === 'Expired' || c.status === 'Cancelled');
                return (
                    <article className="stack" aria-labelledby="contract-title">
                        <div className="page-header">
                            <div>
                                <h1 id="contract-title" tabIndex={-1}>
                                    Contract #{c.id.toString()}
                                </h1>
                                <p>
                                    <Link to={paths.offering.href(c.offeringId)}>{c.offeringName ?? `Offering ${c.offeringId}`}</Link>
                                </p>
                            </div>
                            <StatusBadge status={c.status} />
                        </div>
                        <div className="grid-2">
                            <Card title="Escrow">
                                <QueryState query={balance} label="escrow">
                                    {(b) => (
                                        <EscrowSummary
                                            amount={(v) => <TokenAmount value={v} />}
                                            figures={{ paid: b.deposited, released: b.released, refunded: b.refunded, remaining: b.held, earnedUnreleased: b.releasableNow, due: b.due }}
                                        />
                                    )}
                                </QueryState>
                            </Card>
                            <Card title="Service">
                                <StatGrid>
                                    <Stat label="Starts" value={start !== undefined ? formatDateTime(start) : 'when provisioned'} />
                                    <Stat label="Ends" value={end > 0n ? formatDateTime(end) : '—'} />
                                    <Stat label="Paid time" value={formatHours(c.segments.reduce((h, s) => h + s.hours, 0))} />
                                </StatGrid>
                                {c.connection !== '' && (
                                    <div style={{ marginTop: '0.75rem' }}>
                                        <h3>Connection details</h3>
                                        <p className="mono" data-testid="connection">
                                            {c.connection}
                                        </p>
                                    </div>
                                )}
                            </Card>
                        </div>
                        <div className="grid-2">
                            <Card title="Status history">
                                <ContractTimeline history={c.history} />
                            </Card>
                            <Card title="Actions">
                                <div className="stack">
                                    {!ended && isTenant && BILLING.has(c.status) && <ExtendContract c={c} />}
                                    {isTenant && <CancelContract c={c} canCancel={!ended} />}
                                    {canFeedback &&
                                        (feedback.isSuccess ? (
                                            <Alert tone="success">Thank you: your answers count towards the provider's trust score.</Alert>
                                        ) : (
                                            <div>
                                                <h3>How was it?</h3>
                                                <FeedbackForm isPending={feedback.isPending} error={feedback.error} onSubmit={(a) => feedback.mutate({ id: c.id, ...a })} />
                                            </div>
                                        ))}
                                    {isTenant && c.feedbackGiven === true && <p className="muted">Feedback sent.</p>}
                                    {isTenant ? (
                                        <ChatButton contractId={c.id} label="Chat with the provider" />
                                    ) : (
                                        <p className="muted">You answer the tenant in your Chatwoot inbox, or by replying to the Telegram notification.</p>
                                    )}
                                </div>
                            </Card>
                        </div>
                    </article>
                );
            }}
        </QueryState>
    );
}
