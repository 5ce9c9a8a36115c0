import { requestJson } from '../util/http_client.js';
import type { Sender } from './types.js';

/** Telegram Bot API `sendMessage`. */
export class TelegramSender implements Sender {
    constructor(
        private readonly apiUrl: string,
        private readonly token: string
    ) {}

    async send(chatId: string, subject: string, text: string): Promise<number> {
        const r = await requestJson<{ ok: boolean; result?: { message_id: number }; description?: string }>(`${this.apiUrl}/bot${this.token}/sendMessage`, {
            body: { chat_id: chatId, text: `${subject}\n\n${text}\n\nReply to this message to answer the customer.` }
        });
        if (!r.ok || !r.result) throw new Error(`telegram refused: ${r.description ?? 'unknown'}`);
        return r.result.message_id;
    }
}
