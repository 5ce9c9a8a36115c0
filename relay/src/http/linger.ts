// Lingering close, as Apache's and nginx's: a request refused before its body was read (413, or any
// answer sent while the body is still arriving) is answered, then the connection keeps reading and
// discarding for a bounded time and amount before it closes. Closing at once would reset it while
// the sender's bytes sit unread, and the sender (Chatwoot, ICPay) would see ECONNRESET instead of
// the 4xx, and retry the same body as a network error. The bounds keep a slow sender from holding
// the socket: `ms` in all, `idleMs` without data, `bytes` drained.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface Linger {
    ms: number;
    idleMs: number;
    bytes: number;
}

/** nginx's lingering_time 30 s / lingering_timeout 5 s are for browsers; webhook senders get less. */
export const DEFAULT_LINGER: Linger = { ms: 10_000, idleMs: 2_000, bytes: 16 * 1024 * 1024 };

/** Call right after sending the answer (with `connection: close`) to a request whose body is unread. */
export function lingerClose(req: IncomingMessage, res: ServerResponse, limits: Linger): void {
    const socket = req.socket as Socket & { destroySoon?: () => void };
    let drained = 0;
    let idle: NodeJS.Timeout | undefined;
    const close = (): void => {
        clearTimeout(total);
        clearTimeout(idle);
        socket.destroy();
    };
    const total = setTimeout(close, limits.ms);
    const rearm = (): void => {
        clearTimeout(idle);
        idle = setTimeout(close, limits.idleMs);
    };
    rearm();
    // After `connection: close` Node destroys the socket once the answer is written; with the
    // sender's bytes unread that is a reset. Half-close instead (the answer, then FIN) and keep reading.
    socket.destroySoon = (): void => {
        if (socket.writable) socket.end();
    };
    socket.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > limits.bytes) close();
        else rearm();
    });
    socket.once('close', () => {
        clearTimeout(total);
        clearTimeout(idle);
    });
    // The whole body arrived: nothing is left unread, closing now is clean.
    req.once('end', () => (res.writableFinished ? close() : res.once('finish', close)));
    req.resume();
}
