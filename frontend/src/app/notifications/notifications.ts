import type { Contract } from '@/features/contracts/types';
import { transferKindOf, type Movement } from '@/features/wallet/types';

export interface Notice {
    key: string;
    at: bigint;
    text: string;
    contractId: bigint | undefined;
    tone: 'info' | 'good' | 'bad';
    /** A money amount the text refers to (rendered by the caller with the token formatter). */
    amount?: bigint;
}

/**
 * What the user should hear about, derived from the canister's own records (status history and the
 * journal), so nothing is lost when the app was closed: the list is rebuilt on every load.
 */
export function noticesFor(principal: string, rented: Contract[], provided: Contract[], movements: Movement[]): Notice[] {
    const out: Notice[] = [];
    for (const c of rented) {
        for (const h of c.history) {
            const at = h.at;
            const base = { at, contractId: c.id };
            if (h.status === 'Accepted') out.push({ ...base, key: `acc-${c.id}-${at}`, text: `Your request #${c.id} was accepted by the provider.`, tone: 'good' });
            else if (h.status === 'Provisioned') out.push({ ...base, key: `prov-${c.id}-${at}`, text: `Your server for contract #${c.id} is provisioned: connection details are on the contract page.`, tone: 'good' });
            else if (h.status === 'Rejected') out.push({ ...base, key: `rej-${c.id}-${at}`, text: `Your request #${c.id} was rejected; the payment is refunded.`, tone: 'bad' });
            else if (h.status === 'ProvisioningFailed') out.push({ ...base, key: `pf-${c.id}-${at}`, text: `Provisioning of contract #${c.id} failed; the payment is refunded.`, tone: 'bad' });
        }
    }
    for (const c of provided) {
        if (c.status === 'Pending') out.push({ key: `req-${c.id}`, at: c.statusSince, contractId: c.id, text: `New request #${c.id} waits for your decision.`, tone: 'info' });
    }
    for (const m of movements) {
        if (m.account !== principal) continue;
        const base = { at: m.at, contractId: m.contractId, key: `mv-${m.seq}` };
        const t = transferKindOf(m);
        if (m.kind === 'SlaCredit') out.push({ ...base, text: `SLA credit for contract #${m.contractId}:`, amount: m.amount, tone: 'good' });
        else if (m.kind === 'TransferDone' && t === 'Refund') out.push({ ...base, text: 'Refund received in your wallet:', amount: m.amount - m.fee, tone: 'good' });
        else if (m.kind === 'TransferDone' && t === 'Withdrawal') out.push({ ...base, text: 'Payout received in your wallet:', amount: m.amount - m.fee, tone: 'good' });
        else if (m.kind === 'TransferFailed') out.push({ ...base, text: 'A transfer to your wallet could not be delivered; the amount is back on your marketplace balance:', amount: m.amount, tone: 'bad' });
    }
    return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

const seenKey = (principal: string) => `trustcloud.notices.seen.${principal}`;

export function lastSeen(principal: string): bigint {
    try {
        const v = localStorage.getItem(seenKey(principal));
        return v !== null && /^\d+$/.test(v) ? BigInt(v) : 0n;
    } catch {
        return 0n;
    }
}

export function markSeen(principal: string, at: bigint): void {
    try {
        localStorage.setItem(seenKey(principal), at.toString());
    } catch {
        /* private mode: unread counts reset on reload, nothing else is lost */
    }
}
