import { Suspense, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigation } from "react-router";
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth';
import { shortPrincipal } from '@/lib/format';
import { Button, PageSpinner } from '@/components/ui';
import { ChatwootWidget } from '@/features/chat/components/chatwoot-widget';

export function AppLayout() {
    const auth = useAuth();
    const navigation = useNavigation();
    const location = useLocation();
    // Move focus to the page heading after client-side navigation (not on the first load), for
    // keyboard and screen-reader users.
    const firstPath = useRef(location.pathname);
    useEffect(() => {
        if (firstPath.current === location.pathname) return;
        firstPath.current = '';
        const t = setTimeout(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true }), 50);
        return () => clearTimeout(t);
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
                    </nav>
                    <div className="user">
                        {auth.status === 'authenticated' && auth.principal !== undefined ? (
                            <>
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
