import { FakeHttpServer } from './http.js';

/** Fake HTTP SMS gateway: POST {to, text} with a bearer token. */
export class FakeSms extends FakeHttpServer {
    constructor(readonly token = 'sms-gateway-token') {
        super((req) => (req.headers.authorization === `Bearer ${this.token}` ? { body: { queued: true } } : { status: 401, body: { error: 'unauthorized' } }));
    }

    get sent(): { to: string; text: string }[] {
        return this.requests.filter((r) => r.method === 'POST' && r.status === 200).map((r) => r.body as { to: string; text: string });
    }
}
