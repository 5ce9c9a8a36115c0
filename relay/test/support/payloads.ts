export const TENANT = 'rdmx6-jaaaa-aaaaa-aaadq-cai';

/**
 * Chatwoot and ICPay payloads of the upstream shapes: `Message#webhook_data` with the conversation's
 * `Conversations::EventDataPresenter#push_data` (`meta.sender` is the contact's `push_event_data`,
 * `meta.hmac_verified` the contact inbox's flag); contact senders have no `type`, agents `user`.
 * The contract comes from the widget contact `<principal>/contract/<id>`.
 */
export function messageCreated(o: {
    id: number;
    conversationId?: number;
    contractId?: string | null;
    tenant?: string;
    verified?: boolean;
    type?: 'incoming' | 'outgoing' | 'activity';
    senderType?: string;
    private?: boolean;
    content?: string;
    status?: string;
    createdAt?: string;
    portal?: string;
}) {
    const attrs: Record<string, unknown> = {};
    const tenant = o.tenant ?? TENANT;
    const identifier = o.contractId === null ? tenant : `${tenant}/contract/${o.contractId ?? '42'}`;
    if (o.portal) attrs.portal_slug = o.portal;
    const type = o.type ?? 'incoming';
    const sender = type === 'incoming' ? { id: 5, name: 'Tenant', email: null, identifier, phone_number: null, thumbnail: '', additional_attributes: {}, custom_attributes: {} } : { id: 3, name: 'Agent', email: 'agent@example.com', type: o.senderType ?? 'user' };
    return {
        event: 'message_created',
        id: o.id,
        content: o.content ?? 'Hello, my server does not boot',
        message_type: type,
        content_type: 'text',
        private: o.private ?? false,
        created_at: o.createdAt ?? '2026-11-21T12:00:00.000Z',
        sender: o.senderType === 'none' ? null : type === 'incoming' && o.senderType ? { ...sender, type: o.senderType } : sender,
        inbox: { id: 7, name: 'Support' },
        account: { id: 1, name: 'TrustCloud' },
        conversation: {
            id: o.conversationId ?? 11,
            inbox_id: 7,
            status: o.status ?? 'open',
            custom_attributes: attrs,
            meta: { sender: { id: 5, identifier, type: 'contact' }, assignee: null, team: null, hmac_verified: o.verified ?? true },
            timestamp: 1763726400
        },
        attachments: []
    };
}

export function statusChanged(o: { conversationId: number; contractId: string; from: string; to: string; timestamp?: number; tenant?: string }) {
    return {
        meta: { sender: { id: 5, identifier: `${o.tenant ?? TENANT}/contract/${o.contractId}`, type: 'contact' }, hmac_verified: true },
        event: 'conversation_status_changed',
        id: o.conversationId,
        inbox_id: 7,
        status: o.to,
        account: { id: 1 },
        custom_attributes: {},
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
