export type Channel = 'telegram' | 'email' | 'sms';

/** A reason to tell a provider something about a conversation (stored as `notify.send`). */
export interface NotifyRequest {
    reason: 'escalation' | 'silence';
    contractId: string;
    accountId: number;
    conversationId: number;
    text: string;
    /** Tell the customer in the conversation whether the provider could be alerted (escalations). */
    tellCustomer?: boolean;
}

/** One channel's delivery of a request (stored as `notify.channel`). */
export interface ChannelDelivery {
    channel: Channel;
    providerId: string;
    address: string;
    request: NotifyRequest;
}

export interface ProviderContacts {
    telegramChatId: string | null;
    email: string | null;
    phone: string | null;
}

/** Sends one message; returns the Telegram message id when there is one. */
export interface Sender {
    send(address: string, subject: string, text: string): Promise<number | null>;
}
