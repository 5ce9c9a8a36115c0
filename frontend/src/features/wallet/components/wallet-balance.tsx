import { useAuth } from '@/lib/auth';
import { useBalance } from '../api/get-balance';
import { TokenAmount } from './token-amount';

export function WalletBalance() {
    const { principal } = useAuth();
    const balance = useBalance(principal);
    if (principal === undefined) return null;
    if (balance.isPending) return <span className="muted">Wallet: loading…</span>;
    if (balance.isError) return <span className="muted">Wallet balance unavailable</span>;
    return (
        <span>
            Wallet: <TokenAmount value={balance.data} />
        </span>
    );
}
