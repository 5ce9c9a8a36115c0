import { formatTokenAmount } from '@/lib/format';
import { useToken } from '../api/get-token';

/** A token amount with its decimals and symbol; the exact value is in the title. */
export function TokenAmount({ value, className }: { value: bigint; className?: string }) {
    const token = useToken();
    if (token.data === undefined) return <span className={className}>{value.toString()} units</span>;
    const exact = formatTokenAmount(value, token.data.decimals, token.data.symbol);
    return (
        <span className={className} title={exact} data-amount={value.toString()}>
            {formatTokenAmount(value, token.data.decimals, token.data.symbol, { maxFraction: 4 })}
        </span>
    );
}
