import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Mail {
    from: string;
    to: string[];
    data: string;
}

/**
 * A local mailbox: a minimal SMTP server (EHLO, MAIL, RCPT, DATA, QUIT, RSET, NOOP) that keeps every
 * mail, so provider notifications in `npm start` arrive somewhere one can look (and the tests read).
 */
export class LocalMailbox {
    readonly mails: Mail[] = [];
    private server: Server | null = null;

    constructor(private readonly onMail: (m: Mail) => void = () => undefined) {}

    async start(): Promise<number> {
        this.server = createServer((s) => this.session(s));
        await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
        return this.port;
    }

    get port(): number {
        return (this.server?.address() as AddressInfo).port;
    }

    async stop(): Promise<void> {
        await new Promise<void>((r) => this.server?.close(() => r()));
    }

    private session(socket: Socket): void {
        let mail: Mail = { from: '', to: [], data: '' };
        let inData = false;
        let buffer = '';
        socket.write('220 local-mailbox ready\r\n');
        socket.on('data', (chunk) => {
            buffer += chunk.toString('utf8');
            for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
                const line = buffer.slice(0, i);
                buffer = buffer.slice(i + 2);
                if (inData) {
                    if (line === '.') {
                        inData = false;
                        this.mails.push(mail);
                        this.onMail(mail);
                        mail = { from: '', to: [], data: '' };
                        socket.write('250 OK queued\r\n');
                    } else mail.data += (line.startsWith('..') ? line.slice(1) : line) + '\n';
                    continue;
                }
                const cmd = line.slice(0, 4).toUpperCase();
                if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250-local-mailbox\r\n250 8BITMIME\r\n');
                else if (cmd === 'MAIL') mail.from = line.replace(/^MAIL FROM:\s*/i, '').replace(/[<>]/g, '').split(' ')[0] ?? '';
                else if (cmd === 'RCPT') mail.to.push(line.replace(/^RCPT TO:\s*/i, '').replace(/[<>]/g, ''));
                else if (cmd === 'DATA') {
                    inData = true;
                    socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
                    continue;
                } else if (cmd === 'QUIT') {
                    socket.end('221 bye\r\n');
                    continue;
                }
                if (cmd === 'MAIL' || cmd === 'RCPT' || cmd === 'RSET' || cmd === 'NOOP') socket.write('250 OK\r\n');
                else if (cmd !== 'EHLO' && cmd !== 'HELO') socket.write('502 not implemented\r\n');
            }
        });
        socket.on('error', () => undefined);
    }
}
