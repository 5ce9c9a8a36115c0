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
                const hash = await getChatIdentity(identity).catch(() => undefined);
                if (cancelled) return;
                window.$chatwoot?.setUser(principal, { name: principal.slice(0, 11), identifier_hash: hash });
            })
            .catch(() => undefined);
        return () => {
            cancelled = true;
        };
    }, [principal, identity]);
    return null;
}

/**
 * Opens the chat for a contract. The contract id is a *conversation* attribute: the relay reads
 * `conversation.custom_attributes.contract_id` to attribute responsiveness to the contract's provider
 * (`setCustomAttributes` would set it on the contact instead).
 */
export async function openContractChat(contractId: bigint): Promise<void> {
    await loadChatwoot();
    window.$chatwoot?.setConversationCustomAttributes({ contract_id: contractId.toString() });
    window.$chatwoot?.toggle('open');
}
