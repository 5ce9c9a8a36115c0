import { Button, Card, QueryState, Stat, StatGrid } from '@/components/ui';
import { useMarketConfig } from '@/features/wallet/api/get-market-config';
import { useMovements } from '@/features/wallet/api/get-movements';
import { useWallet } from '@/features/wallet/api/get-wallet';
import { downloadText, movementsCsv } from '@/features/wallet/csv';
import { describeMovement, MovementsTable, netOf } from '@/features/wallet/components/movements-table';
import { WithdrawButton } from '@/features/wallet/components/withdraw-button';
import { useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { formatTokenAmount } from '@/lib/format';

export default function WalletRoute() {
    useDocumentTitle('Wallet');
    const auth = useAuth();
    const wallet = useWallet();
    const movements = useMovements();
    const market = useMarketConfig();
    if (auth.status !== 'authenticated') {
        return (
            <section>
                <h1 tabIndex={-1}>Wallet</h1>
                <Card>
                    <p>Sign in to see your balances, payments, refunds and payouts.</p>
                    <Button onClick={() => void auth.signIn()}>Sign in</Button>
                </Card>
            </section>
        );
    }
    const decimalsOf = (symbol: string) => market.data?.tokens.find((t) => t.symbol === symbol)?.decimals ?? 8;
    return (
        <section className="stack" aria-labelledby="wallet-title">
            <div className="page-header">
                <h1 id="wallet-title" tabIndex={-1}>
                    Wallet
                </h1>
            </div>
            <QueryState query={wallet} label="balances">
                {(tokens) => (
                    <div className="grid-2">
                        {tokens.map((t) => {
                            const fmt = (v: bigint) => formatTokenAmount(v, t.token.decimals, t.token.symbol);
                            return (
                                <Card key={t.token.symbol} title={t.token.symbol} data-testid={`wallet-${t.token.symbol}`}>
                                    <StatGrid label={`${t.token.symbol} balances`}>
                                        <Stat label="In your wallet" value={<span data-testid="wallet-ledger-balance">{t.wallet === undefined ? 'unavailable' : fmt(t.wallet)}</span>} hint="your own ledger account" />
                                        <Stat label="Withdrawable from the marketplace" value={<span data-testid="wallet-withdrawable">{fmt(t.withdrawable)}</span>} hint="booked earnings, refunds and credits not yet sent" />
                                        {t.accruing > 0n && <Stat label="Accruing" value={<span data-testid="wallet-accruing">{fmt(t.accruing)}</span>} hint="earned since the last release; withdrawable once the next release books it" />}
                                        <Stat label="In escrow for your rentals" value={fmt(t.escrowAsTenant)} />
                                        {t.inFlight > 0n && <Stat label="Transfers on their way" value={fmt(t.inFlight)} />}
                                    </StatGrid>
                                    <div className="row" style={{ marginTop: '0.75rem' }}>
                                        <WithdrawButton token={t.token.symbol} amount={t.withdrawable} ledgerFee={t.token.fee} />
                                    </div>
                                </Card>
                            );
                        })}
                    </div>
                )}
            </QueryState>
            <Card
                title="Movements"
                actions={
                    movements.data !== undefined && movements.data.length > 0 ? (
                        <Button
                            size="sm"
                            variant="secondary"
                            onClick={() => downloadText(`trustcloud-movements-${auth.principal?.slice(0, 5)}.csv`, movementsCsv(movements.data, (m) => describeMovement(m, auth.principal), netOf, decimalsOf))}
                        >
                            Export CSV
                        </Button>
                    ) : undefined
                }
            >
                <p className="muted">Every movement of your money in the marketplace's books, with its fees, the net amount and the ledger block where it crossed the ledger.</p>
                <QueryState query={movements} label="movements" empty={(m) => m.length === 0}>
                    {(rows) => <MovementsTable rows={rows} viewer={auth.principal} label="Wallet movements" />}
                </QueryState>
            </Card>
        </section>
    );
}

