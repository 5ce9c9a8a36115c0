import { Link } from 'react-router';
import { Button, Card, QueryState, TableScroll } from '@/components/ui';
import { paths } from '@/config/paths';
import { useMyContracts } from '@/features/contracts/api/get-my-contracts';
import { StatusBadge } from '@/features/contracts/components/status-badge';
import { TERMINAL, closedAt, contractEnd, held } from '@/features/contracts/types';
import { TokenAmount } from '@/features/wallet/components/token-amount';
import { useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { formatDateTime } from '@/lib/format';

export default function ContractsRoute() {
    useDocumentTitle('My contracts');
    const auth = useAuth();
    const contracts = useMyContracts(auth.principal);
    return (
        <section aria-labelledby="contracts-title">
            <div className="page-header">
                <h1 id="contracts-title" tabIndex={-1}>
                    My contracts
                </h1>
            </div>
            {auth.status !== 'authenticated' ? (
                <Card>
                    <p>Sign in to see the servers you rent.</p>
                    <Button onClick={() => void auth.signIn()} isLoading={auth.status === 'signing-in' || auth.status === 'initializing'}>
                        Sign in
                    </Button>
                </Card>
            ) : (
                <QueryState query={contracts} label="contracts" empty={(d) => d.length === 0}>
                    {(list) => (
                        <TableScroll label="Contracts you rent" className="card">
                            <table className="stack-sm">
                                <caption className="visually-hidden">Contracts you rent</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">Contract</th>
                                        <th scope="col">Status</th>
                                        <th scope="col">Ends / ended</th>
                                        <th scope="col" className="num">
                                            Paid
                                        </th>
                                        <th scope="col" className="num">
                                            In escrow
                                        </th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.map((c) => {
                                        const end = contractEnd(c);
                                        return (
                                            <tr key={c.id.toString()} data-testid={`contract-row-${c.id}`}>
                                                <td data-label="Contract">
                                                    <Link to={paths.contract.href(c.id)}>
                                                        #{c.id.toString()} {c.offeringName ?? `offering ${c.offeringId}`}
                                                    </Link>
                                                </td>
                                                <td data-label="Status">
                                                    <StatusBadge status={c.status} />
                                                    {c.due !== undefined && !TERMINAL.has(c.status) && (
                                                        <Link className="badge badge-warn" to={paths.contract.href(c.id)}>
                                                            awaiting payment: pay now
                                                        </Link>
                                                    )}
                                                </td>
                                                <td data-label="Ends / ended">{closedAt(c) !== undefined ? <>ended {formatDateTime(closedAt(c)!)}</> : end > 0n ? formatDateTime(end) : '—'}</td>
                                                <td data-label="Paid" className="num">
                                                    <TokenAmount value={c.deposited} />
                                                </td>
                                                <td data-label="In escrow" className="num">
                                                    <TokenAmount value={held(c)} />
                                                </td>
                                            </tr>
                                        );
                                    })}
                                </tbody>
                            </table>
                        </TableScroll>
                    )}
                </QueryState>
            )}
        </section>
    );
}
