// What happens inside the local Chatwoot when a message, a conversation or a status change is made,
// with the webhooks each sends. Conversations of an inbox with an agent bot start `pending`.
import { ChatwootState, type Conversation, type ConversationStatus, type Message, type Sender } from './state.js';
import type { Deliveries } from './webhooks.js';

export class ChatwootCore {
    readonly state = new ChatwootState();

    constructor(
        readonly deliveries: Deliveries,
        private readonly hasAgentBot: () => boolean
    ) {}

    async createConversation(contactInboxId: number, customAttributes: Record<string, unknown>): Promise<Conversation> {
        const ci = this.state.contactInbox(contactInboxId);
        if (!ci) throw new Error(`no contact inbox ${contactInboxId}`);
        const conv: Conversation = {
            id: this.state.id(),
            contactInboxId,
            contactId: ci.contactId,
            status: this.hasAgentBot() ? 'pending' : 'open',
            customAttributes,
            assigneeId: null,
            createdAt: Math.floor(Date.now() / 1000)
        };
        this.state.conversations.push(conv);
        await this.deliveries.emit({ event: 'conversation_created', ...this.state.conversationData(conv) });
        return conv;
    }

    async createMessage(conv: Conversation, m: { content: string; messageType: Message['messageType']; sender: Sender; private?: boolean }): Promise<Message> {
        const message: Message = { id: this.state.id(), conversationId: conv.id, content: m.content, messageType: m.messageType, private: m.private ?? false, sender: m.sender, createdAt: new Date().toISOString() };
        this.state.messages.push(message);
        if (message.messageType === 'activity') return message;
        const { botDelivered } = await this.deliveries.emit(this.state.messageEvent(message));
        // Chatwoot's agent-bot listener: an undeliverable bot webhook on a pending conversation hands it to humans.
        if (botDelivered === false && conv.status === 'pending') {
            await this.setStatus(conv, 'open');
            await this.createMessage(conv, { content: 'Agent bot error: the bot could not be reached', messageType: 'activity', sender: null });
        }
        return message;
    }

    async setStatus(conv: Conversation, status: ConversationStatus): Promise<void> {
        const previous = conv.status;
        if (previous === status) return;
        conv.status = status;
        const data = this.state.conversationData(conv);
        await this.deliveries.emit({ event: 'conversation_status_changed', ...data, changed_attributes: [{ status: { previous_value: previous, current_value: status } }] });
        if (status === 'open') await this.deliveries.emit({ event: 'conversation_opened', ...data });
        if (status === 'resolved') await this.deliveries.emit({ event: 'conversation_resolved', ...data });
    }

    /** The widget's conversations: all of the contact's verified contact inboxes when verified, else the session's own. */
    widgetConversations(contactInboxId: number): Conversation[] {
        const ci = this.state.contactInbox(contactInboxId);
        if (!ci) return [];
        if (!ci.hmacVerified) return this.state.conversations.filter((c) => c.contactInboxId === ci.id);
        const verified = new Set(this.state.contactInboxes.filter((x) => x.contactId === ci.contactId && x.hmacVerified).map((x) => x.id));
        return this.state.conversations.filter((c) => verified.has(c.contactInboxId));
    }
}
