/** Chatwoot and ICPay payloads of the documented shapes. */
export function messageCreated(o: {
    id: number;
    conversationId?: number;
    contractId?: string | null;
    type?: 'incoming' | 'outgoing' | 'activity';
    senderType?: string;
    private?: boolean;
    content?: string;
    status?: string;
    createdAt?: string;
    portal?: string;
}) {
    const attrs: Record<string, unknown> = {};
    if (o.contractId !== null) attrs.contract_id = o.contractId ?? '42';
    if (o.portal) attrs.portal_slug = o.portal;
    return {
        event: 'message_created',
        id: o.id,
        content: o.content ?? 'Hello, my server does not boot',
        message_type: o.type ?? 'incoming',
        content_type: 'text',
        private: o.private ?? false,
        created_at: o.createdAt ?? '2026-11-21T12:00:00.000Z',
        sender: { id: 5, name: 'Someone', email: 'x@example.com', identifier: null, type: o.senderType ?? (o.type === 'outgoing' ? 'user' : 'contact') },
        inbox: { id: 7, name: 'Support' },
        account: { id: 1, name: 'TrustCloud' },
        conversation: {
            id: o.conversationId ?? 11,
            inbox_id: 7,
            status: o.status ?? 'open',
            custom_attributes: attrs,
            meta: { sender: {}, assignee: null, hmac_verified: true },
            timestamp: 1763726400
        },
        attachments: []
    };
}

export function statusChanged(o: { conversationId: number; contractId: string; from: string; to: string; timestamp?: number }) {
    return {
        event: 'conversation_status_changed',
        id: o.conversationId,
        inbox_id: 7,
        status: o.to,
        account: { id: 1 },
        custom_attributes: { contract_id: o.contractId },
        timestamp: o.timestamp ?? 1763726500,
        changed_attributes: [{ status: { previous_value: o.from, current_value: o.to } }]
    };
}

export function icpayEvent(o: { eventId: string; paymentId: string; type?: string; status?: string; created?: number }) {
    return {
        id: o.eventId,
        object: 'event',
        type: o.type ?? 'payment.completed',
        created: o.created ?? Math.floor(Date.now() / 1000),
        data: { object: { id: o.paymentId, status: o.status ?? 'completed', amount: '100000000', ledgerCanisterId: 'ryjl3-tyaaa-aaaaa-aaaba-cai', metadata: { contractId: '42' } } }
    };
}
