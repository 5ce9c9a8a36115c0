// The records of the local Chatwoot and their webhook shapes, as Chatwoot builds them:
// `Contact#webhook_data` (no `type`), `Contact#push_event_data` (type "contact"), `User#webhook_data`
// (type "user"), `AgentBot#webhook_data` (type "agent_bot"), `Message#webhook_data` and
// `Conversations::EventDataPresenter#push_data` (display id, `meta.sender`, `meta.hmac_verified`).

export interface Contact {
    id: number;
    identifier: string | null;
    name: string;
}

/** A contact's presence in the inbox; the widget's session points at one. */
export interface ContactInbox {
    id: number;
    contactId: number;
    sourceId: string;
    hmacVerified: boolean;
}

export type ConversationStatus = 'open' | 'pending' | 'resolved' | 'snoozed';

export interface Conversation {
    id: number;
    contactInboxId: number;
    contactId: number;
    status: ConversationStatus;
    customAttributes: Record<string, unknown>;
    assigneeId: number | null;
    createdAt: number;
}

export type Sender = { kind: 'contact' | 'user' | 'agent_bot'; id: number } | null;

export interface Message {
    id: number;
    conversationId: number;
    content: string;
    messageType: 'incoming' | 'outgoing' | 'activity';
    private: boolean;
    sender: Sender;
    createdAt: string;
}

export interface Agent {
    id: number;
    email: string;
    name: string;
}

export interface Article {
    id: number;
    slug: string;
    title: string;
    content: string;
    description: string;
    status: 'published' | 'draft' | 'archived';
}

export const ACCOUNT = { id: 1, name: 'TrustCloud (local)' };
export const INBOX = { id: 1, name: 'Website' };
export const ADMIN = { id: 1, name: 'Marketplace admin', email: 'admin@trustcloud.local' };
export const BOT = { id: 1, name: 'TrustCloud help bot' };

export interface Snapshot {
    nextId: number;
    contacts: Contact[];
    contactInboxes: ContactInbox[];
    conversations: Conversation[];
    messages: Message[];
    agents: Agent[];
    sessions: [string, number][];
}

export class ChatwootState {
    nextId = 100;
    contacts: Contact[] = [];
    contactInboxes: ContactInbox[] = [];
    conversations: Conversation[] = [];
    messages: Message[] = [];
    agents: Agent[] = [];
    /** Widget auth token → contact inbox id. */
    sessions = new Map<string, number>();
    articles = new Map<string, Article[]>();

    id(): number {
        return this.nextId++;
    }

    snapshot(): Snapshot {
        const { nextId, contacts, contactInboxes, conversations, messages, agents } = this;
        return { nextId, contacts, contactInboxes, conversations, messages, agents, sessions: [...this.sessions] };
    }

    restore(s: Snapshot): void {
        Object.assign(this, { nextId: s.nextId, contacts: s.contacts, contactInboxes: s.contactInboxes, conversations: s.conversations, messages: s.messages, agents: s.agents });
        this.sessions = new Map(s.sessions);
    }

    contact(id: number): Contact | undefined {
        return this.contacts.find((c) => c.id === id);
    }

    contactInbox(id: number): ContactInbox | undefined {
        return this.contactInboxes.find((ci) => ci.id === id);
    }

    conversation(id: number): Conversation | undefined {
        return this.conversations.find((c) => c.id === id);
    }

    /** `Contact#push_event_data`. */
    contactPushData(c: Contact): Record<string, unknown> {
        return { additional_attributes: {}, custom_attributes: {}, email: null, id: c.id, identifier: c.identifier, name: c.name, phone_number: null, thumbnail: '', type: 'contact' };
    }

    /** `Conversations::EventDataPresenter#push_data` (the conversation part of every webhook). */
    conversationData(c: Conversation): Record<string, unknown> {
        const contact = this.contact(c.contactId);
        const assignee = this.agents.find((a) => a.id === c.assigneeId);
        return {
            additional_attributes: {},
            can_reply: true,
            channel: 'Channel::WebWidget',
            contact_inbox: { id: c.contactInboxId, source_id: this.contactInbox(c.contactInboxId)?.sourceId },
            id: c.id,
            inbox_id: INBOX.id,
            labels: [],
            meta: {
                sender: contact ? this.contactPushData(contact) : null,
                assignee: assignee ? { id: assignee.id, name: assignee.name, email: assignee.email, type: 'user' } : null,
                team: null,
                hmac_verified: this.contactInbox(c.contactInboxId)?.hmacVerified ?? false
            },
            status: c.status,
            custom_attributes: c.customAttributes,
            snoozed_until: null,
            unread_count: 0,
            first_reply_created_at: null,
            priority: null,
            waiting_since: c.createdAt,
            agent_last_seen_at: 0,
            contact_last_seen_at: 0,
            last_activity_at: c.createdAt,
            timestamp: c.createdAt,
            created_at: c.createdAt,
            updated_at: Math.floor(Date.now() / 1000)
        };
    }

    senderData(s: Sender): Record<string, unknown> | null {
        if (s === null) return null;
        if (s.kind === 'user') {
            const a = s.id === ADMIN.id ? ADMIN : this.agents.find((x) => x.id === s.id);
            return { id: s.id, name: a?.name ?? 'Agent', email: a?.email ?? null, type: 'user' };
        }
        if (s.kind === 'agent_bot') return { id: BOT.id, name: BOT.name, avatar_url: '', type: 'agent_bot' };
        const c = this.contact(s.id);
        // Contact#webhook_data has no `type`.
        return { account: ACCOUNT, additional_attributes: {}, avatar: '', custom_attributes: {}, email: null, id: s.id, identifier: c?.identifier ?? null, name: c?.name ?? '', phone_number: null, thumbnail: '', blocked: false };
    }

    /** `Message#webhook_data` with the event name. */
    messageEvent(m: Message, event: 'message_created' | 'message_updated' = 'message_created'): Record<string, unknown> {
        const conv = this.conversation(m.conversationId);
        return {
            event,
            account: ACCOUNT,
            additional_attributes: {},
            content_attributes: {},
            content_type: 'text',
            content: m.content,
            conversation: conv ? this.conversationData(conv) : null,
            created_at: m.createdAt,
            id: m.id,
            inbox: INBOX,
            message_type: m.messageType,
            private: m.private,
            sender: this.senderData(m.sender),
            source_id: null
        };
    }
}
