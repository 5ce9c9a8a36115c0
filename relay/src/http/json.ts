import { badRequest } from './errors.js';

export function parseJson(raw: Buffer): unknown {
    try {
        return JSON.parse(raw.toString('utf8'));
    } catch {
        throw badRequest('body is not JSON');
    }
}
