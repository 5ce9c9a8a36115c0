/**
 * The widget's contact identifier: one verified Chatwoot contact per tenant *and contract*
 * (`<principal>/contract/<id>`), plus the plain principal for general questions. The website widget
 * shows only the conversations of the identified contact's verified contact inboxes, so switching the
 * identifier switches the conversation: every message written under a contract identifier is about
 * that contract, whatever the browser sets as conversation attributes.
 */
const CONTRACT = /^([a-z0-9]{5}(?:-[a-z0-9]{1,5})+)\/contract\/(\d{1,20})$/;
const PRINCIPAL = /^[a-z0-9]{5}(?:-[a-z0-9]{1,5})+$/;

export interface ContactIdentity {
    principal: string;
    contractId: string | null;
}

export function contractIdentifier(principal: string, contractId: string): string {
    return `${principal}/contract/${contractId}`;
}

export function parseIdentifier(identifier: unknown): ContactIdentity | null {
    if (typeof identifier !== 'string') return null;
    const m = CONTRACT.exec(identifier);
    if (m?.[1] && m[2]) return { principal: m[1], contractId: m[2] };
    return PRINCIPAL.test(identifier) ? { principal: identifier, contractId: null } : null;
}
