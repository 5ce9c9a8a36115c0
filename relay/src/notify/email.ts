import nodemailer, { type Transporter } from 'nodemailer';
import type { Sender } from './types.js';

/** Email through an SMTP server (`SMTP_URL`, e.g. smtp://user:pass@host:587). */
export class EmailSender implements Sender {
    private readonly transport: Transporter;

    constructor(
        smtpUrl: string,
        private readonly from: string
    ) {
        this.transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    }

    async send(to: string, subject: string, text: string): Promise<null> {
        await this.transport.sendMail({ from: this.from, to, subject, text });
        return null;
    }

    close(): void {
        this.transport.close();
    }
}
