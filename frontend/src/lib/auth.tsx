import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Identity } from '@dfinity/agent';
import type { AuthClient } from '@dfinity/auth-client';
import { useQueryClient } from '@tanstack/react-query';
import { env } from '@/config/env';
import { createActors, createAgent, type Actors } from '@/lib/agent';

export type AuthStatus = 'initializing' | 'anonymous' | 'signing-in' | 'authenticated';

export interface AuthState {
    status: AuthStatus;
    principal: string | undefined;
    identity: Identity | undefined;
    /** Actors signed by the user's identity (undefined until signed in). */
    actors: Actors | undefined;
    error: string | undefined;
    signIn: () => Promise<void>;
    signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | undefined>(undefined);

/** Sessions last 8 hours, like Internet Identity's default. */
const SESSION_NS = 8n * 3_600n * 1_000_000_000n;

let clientPromise: Promise<AuthClient> | undefined;

/** Tabs of the app tell each other about sign-out: the session is one, so is signing out of it. */
const SIGN_OUT_CHANNEL = 'trustcloud-auth';
const SIGN_OUT_KEY = 'trustcloud.signed-out-at';

function announceSignOut(): void {
    try {
        const ch = new BroadcastChannel(SIGN_OUT_CHANNEL);
        ch.postMessage({ type: 'signed-out' });
        ch.close();
    } catch {
        /* no BroadcastChannel: the storage event below still reaches the other tabs */
    }
    try {
        localStorage.setItem(SIGN_OUT_KEY, String(Date.now()));
    } catch {
        /* storage unavailable */
    }
}

/** Calls `onSignOut` when another tab signs out. */
function onOtherTabSignOut(onSignOut: () => void): () => void {
    let ch: BroadcastChannel | undefined;
    try {
        ch = new BroadcastChannel(SIGN_OUT_CHANNEL);
        ch.onmessage = (e: MessageEvent<{ type?: string }>) => {
            if (e.data?.type === 'signed-out') onSignOut();
        };
    } catch {
        ch = undefined;
    }
    const onStorage = (e: StorageEvent) => {
        if (e.key === SIGN_OUT_KEY) onSignOut();
    };
    globalThis.addEventListener?.('storage', onStorage);
    return () => {
        ch?.close();
        globalThis.removeEventListener?.('storage', onStorage);
    };
}

/**
 * One AuthClient per page. Two concurrent `AuthClient.create()` calls would each generate and
 * store a session key; the delegation from a sign-in could then be stored next to the other key,
 * and after a reload every request would carry a signature the delegation does not cover.
 */
function loadAuthClient(): Promise<AuthClient> {
    clientPromise ??= import('@dfinity/auth-client')
        .then(({ AuthClient }) => AuthClient.create({ idleOptions: { disableIdle: true }, keyType: env().sessionKeyType }))
        .catch((e: unknown) => {
            clientPromise = undefined;
            throw e;
        });
    return clientPromise;
}

export function AuthProvider({ children, initial }: { children: ReactNode; initial?: Partial<AuthState> }) {
    const queryClient = useQueryClient();
    const [client, setClient] = useState<AuthClient>();
    const [status, setStatus] = useState<AuthStatus>(initial?.status ?? 'initializing');
    const [identity, setIdentity] = useState<Identity | undefined>(initial?.identity);
    const [actors, setActors] = useState<Actors | undefined>(initial?.actors);
    const [error, setError] = useState<string>();

    const adopt = useCallback(async (id: Identity) => {
        const agent = await createAgent(id);
        setIdentity(id);
        setActors(createActors(agent));
        setStatus('authenticated');
    }, []);

    useEffect(() => {
        if (initial?.status !== undefined) return;
        let cancelled = false;
        loadAuthClient()
            .then(async (c) => {
                if (cancelled) return;
                setClient(c);
                if (await c.isAuthenticated()) await adopt(c.getIdentity());
                else setStatus('anonymous');
            })
            .catch((e: unknown) => {
                setError(e instanceof Error ? e.message : String(e));
                setStatus('anonymous');
            });
        return () => {
            cancelled = true;
        };
    }, [adopt, initial?.status]);

    const signIn = useCallback(async () => {
        const c = client ?? (await loadAuthClient());
        setClient(c);
        setError(undefined);
        setStatus('signing-in');
        const e = env();
        await new Promise<void>((resolve) => {
            void c.login({
                identityProvider: e.identityProviderUrl,
                derivationOrigin: e.derivationOrigin,
                maxTimeToLive: SESSION_NS,
                windowOpenerFeatures: 'toolbar=0,location=0,menubar=0,width=500,height=640',
                onSuccess: async () => {
                    await adopt(c.getIdentity());
                    queryClient.invalidateQueries();
                    resolve();
                },
                onError: (reason) => {
                    setError(reason === 'UserInterrupt' ? 'Sign-in window was closed.' : `Sign-in failed: ${reason ?? 'unknown reason'}`);
                    setStatus('anonymous');
                    resolve();
                }
            });
        });
    }, [adopt, client, queryClient]);

    const dropSession = useCallback(() => {
        setIdentity(undefined);
        setActors(undefined);
        setStatus('anonymous');
        queryClient.clear();
    }, [queryClient]);

    const signOut = useCallback(async () => {
        await client?.logout();
        dropSession();
        announceSignOut();
    }, [client, dropSession]);

    // Another tab signed out: forget this tab's in-memory identity too, so it can no longer sign
    // (and pay). `logout` clears this tab's AuthClient state; the stored session is already gone.
    useEffect(
        () =>
            onOtherTabSignOut(() => {
                void loadAuthClient()
                    .then((c) => c.logout())
                    .catch(() => undefined);
                dropSession();
            }),
        [dropSession]
    );

    const value = useMemo<AuthState>(
        () => ({
            status,
            identity,
            actors,
            error,
            principal: identity?.getPrincipal().toText(),
            signIn,
            signOut
        }),
        [status, identity, actors, error, signIn, signOut]
    );
    return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
    const ctx = useContext(AuthContext);
    if (ctx === undefined) throw new Error('useAuth outside AuthProvider');
    return ctx;
}

/** Actors of the signed-in user; throws (for query functions) when not signed in. */
export function requireActors(auth: AuthState): Actors {
    if (auth.actors === undefined) throw new Error('Sign in first.');
    return auth.actors;
}
