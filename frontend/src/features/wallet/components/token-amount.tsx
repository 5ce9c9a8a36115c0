import { createContext, useContext } from 'react';
import { formatBaseUnits, formatTokenAmount } from '@/lib/format';
import { useToken, useTokenOf, type TokenInfo } from '../api/get-token';

type Shown = Pick<TokenInfo, 'symbol' | 'decimals'>;
const Scope = createContext<Shown | undefined>(undefined);

/** Amounts inside are in `token` (a contract's or offering's token) unless they name their own. */
export function TokenScope({ token, children }: { token: Shown | undefined; children: React.ReactNode }) {
    return <Scope.Provider value={token}>{children}</Scope.Provider>;
}

/** A token amount, exact, with its decimals and symbol (the given token's, default the app's); the ledger's base units on hover. */
export function TokenAmount({ value, className, testId, token: given, symbol }: { value: bigint; className?: string; testId?: string; token?: Shown; /** The token's symbol (an offering's `token`), resolved from the marketplace's config. */ symbol?: string }) {
    const app = useToken();
    const scoped = useContext(Scope);
    const named = useTokenOf(symbol);
    const own = given ?? (symbol === undefined ? undefined : named);
    const token = own !== undefined ? { data: own } : symbol !== undefined ? { data: undefined } : scoped !== undefined ? { data: scoped } : app;
    if (token.data === undefined) return <span className={className} data-testid={testId}>{formatBaseUnits(value)}</span>;
    return (
        <span className={className ? `amount ${className}` : 'amount'} title={formatBaseUnits(value)} data-amount={value.toString()} data-testid={testId}>
            {formatTokenAmount(value, token.data.decimals, token.data.symbol)}
        </span>
    );
}
