import { useAuth } from '@/lib/auth';
import { useBalance } from '../api/get-balance';
import type { TokenInfo } from '../api/get-token';
import { TokenAmount } from './token-amount';

/** The signed-in user's balance in `token` (default: the app's token). */
export function WalletBalance({ token, testId }: { token?: TokenInfo; testId?: string }) {
    const { principal } = useAuth();
    const balance = useBalance(principal, token?.ledgerCanisterId);
    if (principal === undefined) return null;
    if (balance.isPending) return <span className="muted">Wallet: loading…</span>;
    if (balance.isError) return <span className="muted">Wallet balance unavailable</span>;
    return (
        <span>
            Wallet: <TokenAmount value={balance.data} token={token} testId={testId} />
        </span>
    );
}
