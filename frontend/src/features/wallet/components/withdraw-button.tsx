import { useRef, useState } from 'react';
import { Alert, Button, Dialog, Stat, StatGrid } from '@/components/ui';
import { errorMessage } from '@/lib/canister-error';
import { arriving } from '@/lib/money';
import { useWithdraw } from '../api/withdraw';
import { TokenAmount } from './token-amount';

/**
 * Withdraw with a confirmation: the dialog shows the amount, the ledger fee and what arrives, and
 * exactly the confirmed amount is withdrawn (not "whatever the balance is by then"). One request
 * per confirmation, however often the button is pressed.
 */
export function WithdrawButton({ token, amount, ledgerFee, label = 'Withdraw to my wallet' }: { token: string; amount: bigint; ledgerFee: bigint; label?: string }) {
    const [open, setOpen] = useState(false);
    const withdraw = useWithdraw();
    const sent = useRef(false);
    const tooSmall = amount <= ledgerFee;
    const close = () => {
        setOpen(false);
        if (withdraw.isSuccess) withdraw.reset();
    };
    return (
        <>
            <Button disabled={amount === 0n} onClick={() => setOpen(true)}>
                {label}
            </Button>
            <Dialog
                open={open}
                onClose={close}
                title={`Withdraw ${token}`}
                footer={
                    withdraw.isSuccess ? (
                        <Button onClick={close}>Close</Button>
                    ) : (
                        <>
                            <Button variant="secondary" onClick={close}>
                                Not now
                            </Button>
                            <Button
                                disabled={tooSmall}
                                isLoading={withdraw.isPending}
                                onClick={() => {
                                    if (sent.current) return;
                                    sent.current = true;
                                    withdraw.mutate({ token, amount }, { onSettled: () => (sent.current = false) });
                                }}
                            >
                                Withdraw <TokenAmount value={amount} />
                            </Button>
                        </>
                    )
                }
            >
                {withdraw.isSuccess ? (
                    <Alert tone="success" title={withdraw.data.status === 'Done' ? 'Withdrawal arrived' : 'Withdrawal sent'}>
                        <p data-testid="withdraw-result">
                            <TokenAmount value={arriving(withdraw.data.amount, withdraw.data.ledgerFee)} /> {withdraw.data.status === 'Done' ? 'received' : 'on its way'}: <TokenAmount value={withdraw.data.amount} />{' '}
                            withdrawn − <TokenAmount value={withdraw.data.ledgerFee} /> ledger fee
                            {withdraw.data.block !== undefined && <> (ledger block {withdraw.data.block.toString()})</>}.
                        </p>
                    </Alert>
                ) : (
                    <>
                        <StatGrid label="Withdrawal">
                            <Stat label="Withdraw" value={<TokenAmount value={amount} />} />
                            <Stat label="Ledger fee" value={<TokenAmount value={ledgerFee} />} hint="borne by the receiver" />
                            <Stat label="Arrives in your wallet" value={<TokenAmount value={arriving(amount, ledgerFee)} testId="withdraw-arrives" />} />
                        </StatGrid>
                        {tooSmall && <Alert tone="warning">The amount is not more than the ledger fee, so nothing would arrive.</Alert>}
                        {withdraw.isError && <Alert tone="error">{errorMessage(withdraw.error)}</Alert>}
                    </>
                )}
            </Dialog>
        </>
    );
}
