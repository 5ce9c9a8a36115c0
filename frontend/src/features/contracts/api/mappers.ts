import { fromOpt, variantName } from '@/lib/candid';
import type { Contract as CContract } from '@declarations/marketplace';
import type { Contract, Status } from '../types';

export function toContract(c: CContract, offeringName?: string): Contract {
    const quote = fromOpt(c.quote);
    return {
        id: c.id,
        offeringId: c.offeringId,
        offeringName,
        provider: c.provider.toText(),
        tenant: c.tenant.toText(),
        token: c.token,
        status: variantName(c.status) as Status,
        statusSince: c.statusSince,
        createdAt: c.createdAt,
        due: quote === undefined ? undefined : { hours: quote.hours, amount: quote.amount },
        segments: c.segments.map((s) => ({ hours: s.hours, amount: s.amount, start: s.start, end: s.end })),
        total: c.total,
        deposited: c.deposited,
        released: c.released,
        refunded: c.refunded,
        fee: c.fee,
        feeBps: c.feeBps,
        earnedUnreleased: undefined,
        connection: fromOpt(c.connection) ?? '',
        history: c.history.map((h) => ({ status: variantName(h.status) as Status, actor: h.actor.toText(), role: variantName(h.role).toLowerCase(), at: h.at, note: h.note })),
        historyOmitted: c.historyOmitted,
        feedbackGiven: undefined
    };
}
