import { requestJson } from '../util/http_client.js';
import type { Sender } from './types.js';

/** An HTTP SMS gateway: POST {to, text} with a bearer token (adapt the gateway, not the relay). */
export class SmsSender implements Sender {
    constructor(
        private readonly url: string,
        private readonly token: string
    ) {}

    async send(to: string, subject: string, text: string): Promise<null> {
        await requestJson(this.url, { body: { to, text: `${subject}: ${text}`.slice(0, 480) }, headers: { authorization: `Bearer ${this.token}` } });
        return null;
    }
}
