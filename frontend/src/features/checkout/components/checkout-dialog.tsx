import { useMemo, useSyncExternalStore } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Dialog, InputField } from '@/components/ui';
import { paths } from '@/config/paths';
import { formatHours, formatTokenAmount } from '@/lib/format';
import { OrderSummary } from './order-summary';
import { CheckoutFlow, stepTitle, type CheckoutDeps, type CheckoutOptions, type CheckoutState } from '../checkout-flow';

export interface CheckoutToken {
    symbol: string;
    decimals: number;
}

function useFlow(flow: CheckoutFlow): CheckoutState {
    return useSyncExternalStore(flow.subscribe, flow.getSnapshot, flow.getSnapshot);
}

const DURATIONS = [24, 72, 168, 720];

/** Renders the checkout flow's current view. Progress and errors are announced to screen readers. */
export function CheckoutDialog({
    open,
    onClose,
    offeringName,
    options,
    deps,
    token,
    onDone,
    title,
    doneText
}: {
    open: boolean;
    onClose: () => void;
    offeringName: string;
    options: CheckoutOptions;
    deps: CheckoutDeps;
    token: CheckoutToken;
    onDone?: (contractId: bigint) => void;
    /** Dialog title; defaults to "Rent <offering>". */
    title?: string;
    doneText?: string;
}) {
    // A new flow each time the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    const flow = useMemo(() => new CheckoutFlow(options, deps), [open]);
    const s = useFlow(flow);
    const amt = (v: bigint) => formatTokenAmount(v, token.decimals, token.symbol);
    const busy = s.view === 'requesting' || s.view === 'approving' || s.view === 'renting' || s.view === 'funding' || s.view === 'icpay';
    const hoursError = flow.hoursError();

    let body: React.ReactNode;
    let footer: React.ReactNode;
    switch (s.view) {
        case 'configure':
            body = (
                <form
                    id="checkout-configure"
                    onSubmit={(e) => {
                        e.preventDefault();
                        flow.next();
                    }}
                >
                    <fieldset className="field">
                        <legend>Duration</legend>
                        <div className="row">
                            {DURATIONS.filter((h) => h >= options.minHours && h <= options.maxHours).map((h) => (
                                <Button key={h} size="sm" variant={s.hours === h ? 'primary' : 'secondary'} aria-pressed={s.hours === h} onClick={() => flow.setHours(h)}>
                                    {formatHours(h)}
                                </Button>
                            ))}
                        </div>
                    </fieldset>
                    <InputField
                        label="Hours"
                        type="number"
                        name="hours"
                        min={options.minHours}
                        max={options.maxHours}
                        value={Number.isFinite(s.hours) && s.hours > 0 ? s.hours : ''}
                        onChange={(e) => flow.setHours(Number(e.target.value))}
                        hint={`Between ${options.minHours} and ${options.maxHours} hours. Unused time is refunded if you cancel.`}
                        error={hoursError}
                    />
                    <fieldset className="field choice-group">
                        <legend>Pay with</legend>
                        <label className="choice">
                            <input type="radio" name="method" checked={s.method === 'wallet'} onChange={() => flow.setMethod('wallet')} />
                            <span>Wallet ({token.symbol}, ICRC-2 approve + escrow)</span>
                        </label>
                        <label className="choice">
                            <input type="radio" name="method" disabled={!options.icpayAvailable} checked={s.method === 'icpay'} onChange={() => flow.setMethod('icpay')} />
                            <span>
                                ICPay{!options.icpayAvailable && <span className="muted"> (not configured)</span>}
                            </span>
                        </label>
                    </fieldset>
                    <p>
                        Price: <strong data-testid="checkout-price">{hoursError === undefined ? amt(s.quote.amount) : '—'}</strong>
                        {s.quote.setupFee > 0n && <span className="muted"> (includes setup fee {amt(s.quote.setupFee)})</span>}
                        {hoursError === undefined && <span className="muted"> · {amt(flow.summary().total)} in total with ledger fees</span>}
                    </p>
                </form>
            );
            footer = (
                <>
                    <Button variant="secondary" onClick={onClose}>
                        Cancel
                    </Button>
                    <Button type="submit" form="checkout-configure" disabled={hoursError !== undefined}>
                        Continue
                    </Button>
                </>
            );
            break;
        case 'warning':
            body = (
                <>
                    <Alert tone="warning" title="Check this provider before paying">
                        <ul>
                            {options.trustWarning?.map((w) => (
                                <li key={w}>{w}</li>
                            ))}
                        </ul>
                        <p>Your payment is held in escrow and unused time is refunded if you cancel, but a low-trust provider may not deliver.</p>
                    </Alert>
                    <label className="checkbox">
                        <input type="checkbox" checked={s.warningAcknowledged} onChange={(e) => flow.acknowledgeWarning(e.target.checked)} /> I understand the risk and want to continue
                    </label>
                </>
            );
            footer = (
                <>
                    <Button variant="secondary" onClick={() => flow.back()}>
                        Back
                    </Button>
                    <Button disabled={!s.warningAcknowledged} onClick={() => flow.next()}>
                        Continue
                    </Button>
                </>
            );
            break;
        case 'review':
            body = (
                <>
                    {s.notice && <Alert tone="warning">{s.notice}</Alert>}
                    <dl className="stat-grid">
                        <div className="stat">
                            <dt>Offering</dt>
                            <dd>{offeringName}</dd>
                        </div>
                        {s.contractId !== undefined && (
                            <div className="stat">
                                <dt>Contract</dt>
                                <dd>#{s.contractId.toString()}</dd>
                            </div>
                        )}
                        <div className="stat">
                            <dt>Pay with</dt>
                            <dd>{s.method === 'wallet' ? 'Wallet' : 'ICPay'}</dd>
                        </div>
                    </dl>
                    <OrderSummary s={flow.summary()} amt={amt} method={s.method} />
                </>
            );
            footer = (
                <>
                    <Button variant="secondary" onClick={() => (flow.isResume() ? onClose() : flow.back())}>
                        {flow.isResume() ? 'Not now' : 'Back'}
                    </Button>
                    <Button onClick={() => void flow.confirm()}>Pay {amt(flow.summary().total)}</Button>
                </>
            );
            break;
        case 'done':
            body = (
                <Alert tone="success" title="Paid into escrow">
                    <p data-testid="checkout-paid">
                        {amt(flow.summary().price)} is in escrow; {amt(flow.summary().total)} left your wallet with the ledger fees.
                    </p>
                    <p>{doneText ?? 'The provider has been asked to accept your request. The money stays in escrow until time is served.'}</p>
                    {s.contractId !== undefined && <Link to={paths.contract.href(s.contractId)}>Open contract #{s.contractId.toString()}</Link>}
                </Alert>
            );
            footer = (
                <Button
                    onClick={() => {
                        if (s.contractId !== undefined) onDone?.(s.contractId);
                        onClose();
                    }}
                >
                    Close
                </Button>
            );
            break;
        default:
            body = null;
            footer = null;
    }

    if (busy || s.view === 'error') {
        const steps = flow.steps(s.method);
        body = (
            <>
                <ol className="steps" aria-label="Payment progress">
                    {steps.map((st) => (
                        <li key={st} className={s.completed.includes(st) ? 'done' : undefined} aria-current={s.view === st ? 'step' : undefined}>
                            {stepTitle(st)}
                            {s.completed.includes(st) ? ' ✓' : ''}
                        </li>
                    ))}
                </ol>
                {busy && (
                    <p role="status" aria-live="polite">
                        {stepTitle(s.view as Parameters<typeof stepTitle>[0])}…
                    </p>
                )}
                {s.view === 'error' && s.error !== undefined && (
                    <Alert tone="error" title="Payment not completed">
                        <p data-testid="checkout-error">{s.error.message}</p>
                        {s.contractId !== undefined && <p>Contract #{s.contractId.toString()} was created; retrying continues with it, nothing is charged twice.</p>}
                    </Alert>
                )}
            </>
        );
        footer =
            s.view === 'error' ? (
                <>
                    <Button variant="secondary" onClick={onClose}>
                        Close
                    </Button>
                    <Button onClick={() => void flow.retry()}>Retry</Button>
                </>
            ) : (
                <Button isLoading disabled>
                    Working…
                </Button>
            );
    }

    return (
        <Dialog open={open} onClose={busy ? () => undefined : onClose} title={title ?? `Rent ${offeringName}`} footer={footer}>
            {body}
        </Dialog>
    );
}
