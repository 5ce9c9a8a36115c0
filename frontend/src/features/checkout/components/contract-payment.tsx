import { useRef, useState } from 'react';
import { Alert, Button } from '@/components/ui';
import { env } from '@/config/env';
import { formatTokenAmount } from '@/lib/format';
import { useCheckoutDeps } from '../api/checkout-deps';
import type { CheckoutDeps } from '../checkout-flow';
import { CheckoutDialog, type CheckoutToken } from './checkout-dialog';
import { useIcpayFees } from '../api/icpay-fees';

/** The ledger's token as the payment shows it, with the fee each ledger call charges. */
export type PaymentToken = CheckoutToken & { fee: bigint; ledgerCanisterId: string };

export interface PayableContract {
    id: bigint;
    offeringName: string;
    pricePerMonth: bigint;
    /** Hours still allowed by the offering's maximum (for an extension). */
    hoursLeft: number;
    due: { hours: number; amount: bigint } | undefined;
    feeBps: number;
    /** The contract's token symbol: ICPay pays on its ledger. */
    token?: string;
}

/**
 * "Pay now" for an unpaid contract (a payment or an extension interrupted, e.g. by navigating
 * away): the same contract and amount due, confirmed in the order summary before money moves.
 */
export function PayNow({ c, token }: { c: PayableContract; token: PaymentToken }) {
    const [open, setOpen] = useState(false);
    const deps = useCheckoutDeps({ kind: 'extend', contractId: c.id, ledger: token.ledgerCanisterId });
    // Stays mounted while its dialog is open: once paid, the contract has nothing due, and the receipt must not vanish.
    const lastDue = useRef(c.due);
    if (c.due !== undefined) lastDue.current = c.due;
    const due = lastDue.current;
    if (due === undefined || (c.due === undefined && !open) || deps === undefined) return null;
    return (
        <div className="stack" style={{ gap: '0.5rem' }}>
            {c.due !== undefined && (
                <>
                    <Alert tone="warning" title="Awaiting payment">
                        <p>
                            {formatTokenAmount(due.amount, token.decimals, token.symbol)} for {due.hours} hours is not paid yet. Pay it now to continue with this contract; nothing has been
                            charged for it.
                        </p>
                    </Alert>
                    <div>
                        <Button onClick={() => setOpen(true)}>Pay now</Button>
                    </div>
                </>
            )}
            <ContractCheckout
                c={c}
                token={token}
                deps={deps}
                open={open}
                onClose={() => setOpen(false)}
                title={`Pay contract #${c.id}`}
                doneText="The payment is in escrow; the contract continues."
                maxHours={due.hours}
                resume={{ contractId: c.id, hours: due.hours, due: due.amount }}
            />
        </div>
    );
}

/**
 * Extension: choose hours, see the order summary (price and every fee), confirm, then pay. Stays
 * mounted while its dialog is open: the extension quote makes the contract "awaiting payment"
 * midway, and the flow must not vanish then.
 */
export function ExtendContract({ c, token, hideButton = false, onOpenChange }: { c: PayableContract; token: PaymentToken; hideButton?: boolean; onOpenChange?: (open: boolean) => void }) {
    const [open, setOpenState] = useState(false);
    const setOpen = (v: boolean) => {
        setOpenState(v);
        onOpenChange?.(v);
    };
    const deps = useCheckoutDeps({ kind: 'extend', contractId: c.id, ledger: token.ledgerCanisterId });
    if (deps === undefined) return null;
    if (c.hoursLeft < 1 && !open) return <p className="muted">This contract has reached the offering's maximum rental time.</p>;
    if (hideButton && !open) return null;
    return (
        <div>
            {!hideButton && (
                <Button variant="secondary" onClick={() => setOpen(true)}>
                    Extend…
                </Button>
            )}
            <ContractCheckout
                c={c}
                token={token}
                deps={deps}
                open={open}
                onClose={() => setOpen(false)}
                title={`Extend contract #${c.id}`}
                doneText="The contract's end moved; the new end is shown on the page."
                maxHours={c.hoursLeft}
                initialHours={24}
            />
        </div>
    );
}

/** The checkout of more time on an existing contract: its price per month, no setup fee, up to `maxHours`. */
function ContractCheckout({ c, token, deps, open, onClose, title, doneText, maxHours, initialHours, resume }: {
    c: PayableContract;
    token: PaymentToken;
    deps: CheckoutDeps;
    open: boolean;
    onClose: () => void;
    title: string;
    doneText: string;
    maxHours: number;
    initialHours?: number;
    resume?: { contractId: bigint; hours: number; due: bigint };
}) {
    const icpayFees = useIcpayFees();
    const ledger = token.ledgerCanisterId;
    return (
        <CheckoutDialog
            open={open}
            onClose={onClose}
            title={title}
            offeringName={c.offeringName}
            token={token}
            deps={deps}
            doneText={doneText}
            options={{
                pricePerMonth: c.pricePerMonth,
                setupFee: 0n,
                minHours: 1,
                maxHours: Math.max(1, maxHours),
                ...(initialHours === undefined ? {} : { initialHours }),
                ledgerFee: token.fee,
                trustWarning: undefined,
                icpayAvailable: env().icpayPublishableKey !== undefined && icpayFees.data != null,
                ...(icpayFees.data ? { icpayFees: icpayFees.data } : {}),
                ledgerCanisterId: ledger,
                feeBps: c.feeBps,
                ...(resume === undefined ? {} : { resume })
            }}
        />
    );
}
