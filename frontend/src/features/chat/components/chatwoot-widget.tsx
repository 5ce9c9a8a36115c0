import type { Identity } from '@dfinity/agent';
import { useEffect } from 'react';
import { env } from '@/config/env';
import { useAuth } from '@/lib/auth';
import { getChatIdentity } from '../api/get-chat-identity';

declare global {
    interface Window {
        chatwootSettings?: Record<string, unknown>;
        chatwootSDK?: { run(o: { websiteToken: string; baseUrl: string }): void };
        $chatwoot?: {
            setUser(id: string, o: { name?: string; email?: string; identifier_hash?: string }): void;
            setCustomAttributes(a: Record<string, string | number>): void;
            setConversationCustomAttributes(a: Record<string, string | number>): void;
            toggle(state?: 'open' | 'close'): void;
            reset(): void;
        };
    }
}

let loading: Promise<void> | undefined;

/** Loads Chatwoot's SDK once, only when configured. */
export function loadChatwoot(): Promise<void> {
    const e = env();
    if (e.chatwootBaseUrl === undefined || e.chatwootWebsiteToken === undefined) return Promise.reject(new Error('Chat is not configured.'));
    const base = e.chatwootBaseUrl.replace(/\/$/, '');
    const token = e.chatwootWebsiteToken;
    loading ??= new Promise<void>((resolve, reject) => {
        window.chatwootSettings = { position: 'right', type: 'standard', launcherTitle: 'Chat' };
        const s = document.createElement('script');
        s.src = `${base}/packs/js/sdk.js`;
        s.async = true;
        s.onload = () => {
            window.chatwootSDK?.run({ websiteToken: token, baseUrl: base });
            window.addEventListener('chatwoot:ready', () => resolve(), { once: true });
        };
        s.onerror = () => {
            loading = undefined;
            reject(new Error('Could not load the chat widget.'));
        };
        document.head.appendChild(s);
    });
    return loading;
}

export function chatConfigured(): boolean {
    const e = env();
    return e.chatwootBaseUrl !== undefined && e.chatwootWebsiteToken !== undefined;
}

/**
 * The Chatwoot widget on every page. When signed in, the user is identified with an HMAC
 * `identifier_hash` computed by the relay (the inbox's HMAC token never reaches the browser), so
 * agents see a verified identity.
 */
export function ChatwootWidget() {
    const { principal, identity } = useAuth();
    useEffect(() => {
        if (!chatConfigured()) return;
        let cancelled = false;
        loadChatwoot()
            .then(async () => {
                if (cancelled) return;
                // Signed out: forget the previous user's conversation on this browser.
                if (principal === undefined || identity === undefined) return window.$chatwoot?.reset();
                const id = await getChatIdentity(identity).catch(() => undefined);
                if (cancelled) return;
                window.$chatwoot?.setUser(principal, { name: principal.slice(0, 11), identifier_hash: id?.identifier_hash });
            })
            .catch(() => undefined);
        return () => {
            cancelled = true;
        };
    }, [principal, identity]);
    return null;
}

/**
 * Opens the chat for a contract under the tenant's contact for that contract: the widget shows only
 * the conversations of the identified contact, so what is written there reaches the relay with the
 * contract. (Conversation attributes cannot do this: Chatwoot's widget refuses them before the first
 * message and afterwards replaces those of the contact's last conversation.)
 */
export async function openContractChat(contractId: bigint, identity: Identity | undefined): Promise<void> {
    await loadChatwoot();
    if (identity === undefined) throw new Error('Sign in to chat about this contract.');
    const id = await getChatIdentity(identity, contractId);
    if (id === undefined) throw new Error('Chat is not configured on this deployment.');
    window.$chatwoot?.setUser(id.identifier, { name: `${identity.getPrincipal().toText().slice(0, 11)} · contract ${contractId}`, identifier_hash: id.identifier_hash });
    window.$chatwoot?.toggle('open');
}
