import { Suspense, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigation } from "react-router";
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth';
import { shortPrincipal } from '@/lib/format';
import { Button, PageSpinner } from '@/components/ui';
import { ChatwootWidget } from '@/features/chat/components/chatwoot-widget';
import { NotificationBell } from '@/app/notifications/components/notification-bell';
import { WalletBalance } from '@/features/wallet/components/wallet-balance';

/**
 * Focuses the `<main>` h1 as soon as it is rendered. Gives up after `timeoutMs`, or when focus has
 * gone somewhere other than the element that started the navigation (or nowhere, when that element
 * was removed). Returns a cancel function.
 */
function focusPageHeading(timeoutMs = 5_000): () => void {
    const from = document.activeElement;
    const userMoved = () => {
        const a = document.activeElement;
        return a !== null && a !== document.body && a !== from;
    };
    let observer: MutationObserver | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
        observer?.disconnect();
        clearTimeout(timer);
    };
    const attempt = (): boolean => {
        if (userMoved()) return true;
        const h1 = document.querySelector<HTMLElement>('main h1');
        if (h1 === null) return false;
        h1.focus({ preventScroll: true });
        return true;
    };
    // After this render's DOM is in place (the effect runs after commit, but give the router's
    // own focus/scroll handling a tick).
    timer = setTimeout(() => {
        if (attempt()) return;
        const main = document.querySelector('main');
        if (main === null || typeof MutationObserver === 'undefined') return;
        observer = new MutationObserver(() => {
            if (attempt()) stop();
        });
        observer.observe(main, { childList: true, subtree: true });
        timer = setTimeout(stop, timeoutMs);
    }, 0);
    return stop;
}

export function AppLayout() {
    const auth = useAuth();
    const navigation = useNavigation();
    const location = useLocation();
    // Move focus to the page heading after client-side navigation (not on the first load), for
    // keyboard and screen-reader users. The heading may appear only once the page's data has
    // loaded, so wait for it (a few seconds at most), unless the user has moved focus meanwhile.
    const firstPath = useRef(location.pathname);
    useEffect(() => {
        if (firstPath.current === location.pathname) return;
        firstPath.current = '';
        return focusPageHeading();
    }, [location.pathname]);
    return (
        <>
            <a className="skip-link" href="#main">
                Skip to content
            </a>
            <header className="topbar">
                <div className="topbar-inner">
                    <Link className="brand" to={paths.marketplace.href()}>
                        TrustCloud
                    </Link>
                    <nav className="nav" aria-label="Main">
                        <NavLink to={paths.marketplace.href()} end>
                            Marketplace
                        </NavLink>
                        <NavLink to={paths.contracts.href()}>My contracts</NavLink>
                        <NavLink to={paths.provider.href()}>Provider console</NavLink>
                        <NavLink to={paths.wallet.href()}>Wallet</NavLink>
                    </nav>
                    <div className="user">
                        {auth.status === 'authenticated' && auth.principal !== undefined ? (
                            <>
                                <Link to={paths.wallet.href()} className="header-balance" data-testid="header-balance">
                                    <WalletBalance />
                                </Link>
                                <NotificationBell />
                                <code title={auth.principal} data-testid="principal">
                                    {shortPrincipal(auth.principal)}
                                </code>
                                <Button variant="ghost" size="sm" onClick={() => void auth.signOut()}>
                                    Sign out
                                </Button>
                            </>
                        ) : (
                            <Button variant="ghost" size="sm" isLoading={auth.status === 'signing-in' || auth.status === 'initializing'} onClick={() => void auth.signIn()}>
                                Sign in
                            </Button>
                        )}
                    </div>
                </div>
            </header>
            <main id="main" aria-busy={navigation.state === 'loading' || undefined}>
                {auth.error && (
                    <div className="alert alert-error" role="alert">
                        {auth.error}
                    </div>
                )}
                <Suspense fallback={<PageSpinner />}>
                    <Outlet />
                </Suspense>
            </main>
            <ChatwootWidget />
        </>
    );
}
