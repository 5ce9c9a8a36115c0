// Request ids: the representation-independent hash of the decoded content map (interface spec,
// "Request ids"), computed with the agent's own `hashOfMap` so both sides agree by construction.
import { hashOfMap } from '@dfinity/agent';

export function requestIdOfContent(rawContent: Record<string, unknown>): Uint8Array {
    return new Uint8Array(hashOfMap(rawContent));
}

export function hex(bytes: Uint8Array): string {
    return Buffer.from(bytes).toString('hex');
}
