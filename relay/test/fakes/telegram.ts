import { FakeHttpServer } from './http.js';

/** Fake Telegram Bot API: `POST /bot<token>/sendMessage`. */
export class FakeTelegram extends FakeHttpServer {
    private nextMessageId = 500;
    readonly sent: { chatId: string; text: string; messageId: number }[] = [];

    constructor(readonly token = '123456:TEST-telegram-token') {
        super((req) => {
            if (req.path !== `/bot${this.token}/sendMessage`) return { status: 404, body: { ok: false, description: 'Not Found' } };
            const b = req.body as { chat_id: string; text: string };
            const messageId = this.nextMessageId++;
            this.sent.push({ chatId: String(b.chat_id), text: b.text, messageId });
            return { body: { ok: true, result: { message_id: messageId, chat: { id: b.chat_id }, text: b.text } } };
        });
    }
}
