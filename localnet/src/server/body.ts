// Reads a request body with a size limit. An oversized body is drained (not buffered) and then
// answered with 413, so the client reads the answer instead of a connection reset.
import type { IncomingMessage } from 'node:http';
import { PayloadTooLarge } from '../http/errors.js';

const HARD_CAP = 128 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= limit) chunks.push(chunk);
            else if (size > HARD_CAP) {
                reject(new PayloadTooLarge(limit));
                req.destroy();
            }
        });
        req.on('end', () => {
            if (size > limit) reject(new PayloadTooLarge(limit));
            else resolve(new Uint8Array(Buffer.concat(chunks)));
        });
        req.on('error', e => reject(e));
    });
}
