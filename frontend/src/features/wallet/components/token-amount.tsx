import { formatBaseUnits, formatTokenAmount } from '@/lib/format';
import { useToken } from '../api/get-token';

/** A token amount, exact, with its decimals and symbol; the ledger's base units on hover. */
export function TokenAmount({ value, className, testId }: { value: bigint; className?: string; testId?: string }) {
    const token = useToken();
    if (token.data === undefined) return <span className={className} data-testid={testId}>{formatBaseUnits(value)}</span>;
    return (
        <span className={className ? `amount ${className}` : 'amount'} title={formatBaseUnits(value)} data-amount={value.toString()} data-testid={testId}>
            {formatTokenAmount(value, token.data.decimals, token.data.symbol)}
        </span>
    );
}
