import { Link } from 'react-router';
import { Card, DataTable, QueryState, Stat, StatGrid, type Column } from '@/components/ui';
import { paths } from '@/config/paths';
import { formatBps, formatDateTime } from '@/lib/format';
import { useEarningHistory } from '../api/get-earning-history';
import { useEarnings } from '../api/get-earnings';
import { useMarketConfig } from '../api/get-market-config';
import { useToken } from '../api/get-token';
import { FeeCell } from './movements-table';
import { TokenAmount } from './token-amount';
import { WithdrawButton } from './withdraw-button';

const EARNING_LABEL: Record<string, string> = {
    Release: 'Released to you',
    Withdrawal: 'Payout arrived in your wallet',
    TransferFailed: 'Payout failed (re-credited)',
    SlaCredit: 'SLA credit to the tenant'
};

type EarningRow = NonNullable<ReturnType<typeof useEarningHistory>['data']>[number];

const EARNING_COLUMNS: Column<EarningRow>[] = [
    { header: 'When', cell: (r) => formatDateTime(r.at) },
    { header: 'What', cell: (r) => EARNING_LABEL[r.kind] ?? r.kind },
    { header: 'Contract', cell: (r) => (r.contractId === undefined ? '—' : `#${r.contractId}`) },
    { header: 'Amount', num: true, cell: (r) => <TokenAmount value={r.amount} /> },
    { header: 'Fee', num: true, cell: (r) => <FeeCell fee={r.fee} note={r.kind === 'Release' ? 'platform fee' : r.kind === 'Withdrawal' ? 'ledger fee' : ''} /> },
    { header: 'Net', num: true, cell: (r) => <TokenAmount value={r.kind === 'SlaCredit' ? r.amount : r.amount - r.fee} /> }
];

export function EarningsCard({ principal }: { principal: string }) {
    const earnings = useEarnings(principal);
    const history = useEarningHistory(principal);
    const token = useToken();
    const market = useMarketConfig();
    const ledgerFee = token.data?.fee ?? 0n;
    return (
        <Card title="Earnings">
            {market.data !== undefined && (
                <p className="muted" data-testid="platform-fee-note">
                    The platform keeps {formatBps(market.data.feeBps)} of what is released to you (fixed on each contract when it is created); every payout to your wallet bears the ledger fee.
                </p>
            )}
            <QueryState query={earnings} label="earnings">
                {(e) => (
                    <>
                        <StatGrid label="Earnings">
                            <Stat label="Withdrawable now" value={<span data-testid="withdrawable">{<TokenAmount value={e.withdrawable} />}</span>} hint="booked by the daily releases" />
                            {e.accruing > 0n && <Stat label="Accruing" value={<span data-testid="accruing">{<TokenAmount value={e.accruing} />}</span>} hint="earned since the last release; withdrawable once the next release books it" />}
                            <Stat label="Released to you (total)" value={<span data-testid="released-total">{<TokenAmount value={e.releasedTotal} />}</span>} />
                            <Stat label="Transfers in flight" value={<TokenAmount value={e.inFlight} />} />
                        </StatGrid>
                        <div className="row" style={{ marginTop: '0.75rem' }}>
                            <WithdrawButton token={e.token} amount={e.withdrawable} ledgerFee={ledgerFee} label="Withdraw to my wallet" />
                            <Link to={paths.wallet.href()}>Wallet and receipts</Link>
                        </div>
                    </>
                )}
            </QueryState>
            <h3 style={{ marginTop: '1rem' }}>History</h3>
            <QueryState query={history} label="earning history" empty={(h) => h.length === 0}>
                {(rows) => (
                    <DataTable label="Earning history" rows={rows} rowKey={(r) => r.seq.toString()} columns={EARNING_COLUMNS} />
                )}
            </QueryState>
        </Card>
    );
}
