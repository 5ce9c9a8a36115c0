import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Dialog, InputField, QueryState, Stat, StatGrid } from '@/components/ui';
import { paths } from '@/config/paths';
import { ChatButton } from '@/features/chat/components/chat-button';
import { ExtendContract, PayNow } from '@/features/checkout/components/contract-payment';
import { useCancelContract } from '@/features/contracts/api/cancel-contract';
import { useContract } from '@/features/contracts/api/get-contract';
import { usePauseContract } from '@/features/contracts/api/pause-contract';
import { useContractBalance } from '@/features/contracts/api/get-contract-balance';
import { useContractSla } from '@/features/contracts/api/get-contract-sla';
import { useSubmitFeedback } from '@/features/contracts/api/submit-feedback';
import { ContractTimeline } from '@/features/contracts/components/contract-timeline';
import { EscrowSummary } from '@/features/contracts/components/escrow-summary';
import { FeedbackForm } from '@/features/contracts/components/feedback-form';
import { SlaCredits } from '@/features/contracts/components/sla-credits';
import { StatusBadge } from '@/features/contracts/components/status-badge';
import { BILLING, TERMINAL, billingStopped, closedAt, contractEnd, contractStart, paidHours, type Contract } from '@/features/contracts/types';
import { useOffering } from '@/features/offerings/api/get-offering';
import { useContractMovements } from '@/features/wallet/api/get-movements';
import { useTokenOf } from '@/features/wallet/api/get-token';
import { MovementsTable } from '@/features/wallet/components/movements-table';
import { transferKindOf, type Movement } from '@/features/wallet/types';
import { TokenAmount, TokenScope } from '@/features/wallet/components/token-amount';
import { useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { errorMessage, isCanisterError } from '@/lib/canister-error';
import { formatDateTime, formatHours } from '@/lib/format';
import { arriving } from '@/lib/money';

/** Stays mounted after the cancellation (the contract is then ended) so its result stays on screen. */
/** Pause (Provisioned/Active) or resume (Paused) service; the text says what it does to billing for this caller. */
function PauseResume({ c, role }: { c: Contract; role: 'tenant' | 'provider' }) {
    const m = usePauseContract();
    const paused = c.status === 'Paused';
    if (!paused && c.status !== 'Active' && c.status !== 'Provisioned') return null;
    const effect = paused ? 'Billing resumes from now.' : role === 'provider' ? 'Billing stops until service resumes; the paused time is added to the end.' : 'Billing continues while paused (you bought the period).';
    return (
        <div>
            <Button variant="secondary" disabled={m.isPending} onClick={() => m.mutate({ id: c.id, pause: !paused })}>
                {paused ? 'Resume service' : 'Pause service'}
            </Button>
            <p className="muted">{effect}</p>
            {m.error && <Alert tone="error">{errorMessage(m.error)}</Alert>}
        </div>
    );
}

function CancelContract({ c, canCancel }: { c: Contract; canCancel: boolean }) {
    const [open, setOpen] = useState(false);
    const [note, setNote] = useState('');
    const balance = useContractBalance(c.id, open);
    const token = { data: useTokenOf(c.token) };
    const cancel = useCancelContract();
    // One cancellation per dialog, even if the button is pressed twice before it re-renders.
    const sent = useRef(false);
    const fee = token.data?.fee ?? 0n;
    if (!canCancel && !open) return null;
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
                            <Button
                                variant="danger"
                                isLoading={cancel.isPending}
                                onClick={() => {
                                    if (sent.current) return;
                                    sent.current = true;
                                    cancel.mutate({ id: c.id, note }, { onError: () => (sent.current = false) });
                                }}
                            >
                                Cancel and refund
                            </Button>
                        </>
                    )
                }
            >
                {cancel.isSuccess ? (
                    <Alert tone="success" title="Contract cancelled">
                        <p data-testid="refund-result">
                            {cancel.data.refundTransfer === undefined ? (
                                <>
                                    Nothing is sent: the remainder (<TokenAmount value={cancel.data.refunded} />) is not more than the ledger fee.
                                </>
                            ) : (
                                <>
                                    <TokenAmount value={cancel.data.arrives} testId="refund-arrives" /> {cancel.data.refundTransfer === 'Done' ? 'received' : 'on its way to your wallet'}:{' '}
                                    <TokenAmount value={cancel.data.refunded} /> refunded − <TokenAmount value={cancel.data.ledgerFee} /> ledger fee
                                    {cancel.data.block !== undefined && <> (ledger block {cancel.data.block.toString()})</>}.
                                </>
                            )}
                        </p>
                    </Alert>
                ) : (
                    <>
                        <p>The time already served stays with the provider; the rest comes back to your wallet, minus the ledger fee of the refund transfer.</p>
                        <QueryState query={balance} label="refund preview">
                            {(b) => (
                                <StatGrid label="Refund preview">
                                    <Stat
                                        label="Arrives in your wallet"
                                        value={<TokenAmount value={arriving(b.refundNow, fee)} testId="refund-preview" />}
                                        hint={
                                            <>
                                                <TokenAmount value={b.refundNow} /> refunded − <TokenAmount value={b.refundNow > fee ? fee : b.refundNow} /> ledger fee, if you cancel now (the figure falls as time is served)
                                            </>
                                        }
                                    />
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

/** The refund transfers that reached the tenant (sent, ledger fees), if the movements are loaded. */
function refundArrived(rows: Movement[] | undefined): { sent: bigint; fee: bigint } | undefined {
    if (rows === undefined) return undefined;
    const done = rows.filter((m) => m.kind === 'TransferDone' && transferKindOf(m) === 'Refund');
    return { sent: done.reduce((s, m) => s + m.amount, 0n), fee: done.reduce((s, m) => s + m.fee, 0n) };
}

function NotFoundContract({ id }: { id: string }) {
    return (
        <Card>
            <h1 tabIndex={-1}>Contract not found</h1>
            <p data-testid="contract-not-found">There is no contract #{id} that you rent or provide. Contracts are visible only to their tenant and their provider.</p>
            <Link to={paths.contracts.href()}>Your contracts</Link>
        </Card>
    );
}

export default function ContractRoute() {
    const { contractId } = useParams();
    const id = /^\d+$/.test(contractId ?? '') ? BigInt(contractId!) : undefined;
    const auth = useAuth();
    const contract = useContract(id);
    const visible = contract.data !== undefined;
    const balance = useContractBalance(id, visible);
    const sla = useContractSla(id, visible);
    const movements = useContractMovements(id, visible);
    const offering = useOffering(contract.data?.offeringId);
    // The contract's own token (ICP, ckUSDC, …): its amounts, fees and ledger.
    const contractToken = useTokenOf(contract.data?.token);
    const token = { data: contractToken };
    const feedback = useSubmitFeedback();
    // While an extension is being paid, its quote shows as "awaiting payment": no second way to pay it.
    const [extending, setExtending] = useState(false);
    const notFound = isCanisterError(contract.error, 'NotFound');
    useDocumentTitle(id === undefined || notFound ? 'Contract not found' : `Contract #${id}`);
    if (id === undefined) return <NotFoundContract id={contractId ?? ''} />;
    if (auth.status !== 'authenticated') {
        return (
            <Card>
                <h1 tabIndex={-1}>Contract #{contractId}</h1>
                <p>Sign in to see this contract.</p>
                <Button onClick={() => void auth.signIn()}>Sign in</Button>
            </Card>
        );
    }
    if (notFound) return <NotFoundContract id={id.toString()} />;
    return (
        <QueryState query={contract} label="contract">
            {(c) => {
                const isTenant = auth.principal === c.tenant;
                const role = isTenant ? 'tenant' : 'provider';
                const start = contractStart(c);
                const end = contractEnd(c);
                const closed = closedAt(c);
                const ended = TERMINAL.has(c.status);
                const canFeedback = isTenant && ended && start !== undefined && c.feedbackGiven !== true && (c.status === 'Expired' || c.status === 'Cancelled');
                const o = offering.data;
                const payable = o && {
                    id: c.id,
                    offeringName: c.offeringName ?? o.name,
                    pricePerMonth: o.pricePerMonth,
                    hoursLeft: o.maxHours - paidHours(c),
                    due: c.due,
                    feeBps: c.feeBps,
                    token: c.token
                };
                // ICPay pays on the contract's own token's ledger (ICP, ckUSDC, …).
                const payToken = token.data;
                return (
                    <TokenScope token={contractToken}>
                    <article className="stack" aria-labelledby="contract-title">
                        <div className="page-header">
                            <div>
                                <h1 id="contract-title" tabIndex={-1}>
                                    Contract #{c.id.toString()}
                                </h1>
                                <p>
                                    <Link to={paths.offering.href(c.offeringId)}>{c.offeringName ?? `Offering ${c.offeringId}`}</Link>
                                    {' · '}
                                    {isTenant ? (
                                        <Link to={paths.providerProfile.href(c.provider)}>provider profile</Link>
                                    ) : (
                                        <span className="muted">you provide this contract</span>
                                    )}
                                </p>
                            </div>
                            <StatusBadge status={c.status} />
                        </div>
                        {c.status === 'Paused' && (
                            <p className="muted" data-testid="pause-billing">
                                {billingStopped(c)
                                    ? 'Paused by the provider: billing is stopped; the paused time is added to the end when service resumes. You can resume or cancel with a refund at any time.'
                                    : 'Paused by the tenant: billing continues (the period is bought); resume or cancel with a refund at any time.'}
                            </p>
                        )}
                        {isTenant && !ended && !extending && payable !== undefined && payToken !== undefined && <PayNow c={payable} token={payToken} />}
                        <div className="grid-2">
                            <Card title="Escrow">
                                <QueryState query={balance} label="escrow">
                                    {(b) => (
                                        <EscrowSummary
                                            role={role}
                                            amount={(v) => <TokenAmount value={v} />}
                                            figures={{ paid: b.deposited, released: b.released, refunded: b.refunded, remaining: b.held, earnedUnreleased: b.releasableNow, due: b.due, platformFee: c.fee, feeBps: c.feeBps, refundArrived: refundArrived(movements.data) }}
                                        />
                                    )}
                                </QueryState>
                            </Card>
                            <Card title="Service">
                                <StatGrid>
                                    <Stat label="Starts" value={start !== undefined ? formatDateTime(start) : ended ? 'never started' : 'when provisioned'} />
                                    {closed !== undefined ? (
                                        <Stat label="Ended" value={<span data-testid="contract-ended">{formatDateTime(closed)}</span>} hint={end > 0n && end !== closed ? <>booked until {formatDateTime(end)}</> : undefined} />
                                    ) : (
                                        <Stat label="Ends" value={end > 0n ? formatDateTime(end) : '—'} />
                                    )}
                                    <Stat label="Paid time" value={formatHours(paidHours(c))} />
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
                            <Card title="Actions">
                                <div className="stack">
                                    {!ended && isTenant && BILLING.has(c.status) && payable !== undefined && payToken !== undefined && <ExtendContract c={payable} token={payToken} hideButton={payable.due !== undefined} onOpenChange={setExtending} />}
                                    {!ended && <PauseResume c={c} role={role} />}
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
                            <Card title="Status history">
                                <ContractTimeline history={c.history} omitted={c.historyOmitted} />
                            </Card>
                        </div>
                        <Card title="SLA credits">
                            <QueryState query={sla} label="SLA periods">
                                {(periods) => <SlaCredits periods={periods} role={role} amount={(v) => <TokenAmount value={v} />} />}
                            </QueryState>
                        </Card>
                        <Card title="Money movements">
                            <QueryState query={movements} label="money movements" empty={(m) => m.length === 0}>
                                {(rows) => <MovementsTable rows={rows} viewer={auth.principal} label="Money movements of this contract" showContract={false} />}
                            </QueryState>
                        </Card>
                    </article>
                    </TokenScope>
                );
            }}
        </QueryState>
    );
}
