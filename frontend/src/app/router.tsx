import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router';
import { paths } from '@/config/paths';
import { AppLayout } from './layout';
import { PageSpinner } from '@/components/ui';
import { RouteError } from '@/components/layout/route-error';

// Route-level code splitting: each page is its own chunk, loaded on navigation.
export const routes: RouteObject[] = [
    {
        element: <AppLayout />,
        errorElement: <RouteError />,
        HydrateFallback: PageSpinner,
        children: [
            { path: paths.marketplace.path, lazy: () => import('./routes/marketplace').then(toRoute) },
            { path: paths.offering.path, lazy: () => import('./routes/offering').then(toRoute) },
            { path: paths.contracts.path, lazy: () => import('./routes/contracts').then(toRoute) },
            { path: paths.contract.path, lazy: () => import('./routes/contract').then(toRoute) },
            { path: paths.provider.path, lazy: () => import('./routes/provider').then(toRoute) },
            { path: paths.providerProfile.path, lazy: () => import('./routes/provider-profile').then(toRoute) },
            { path: paths.wallet.path, lazy: () => import('./routes/wallet').then(toRoute) },
            { path: paths.receipt.path, lazy: () => import('./routes/receipt').then(toRoute) },
            { path: '/trust/methodology', lazy: () => import('./routes/trust-methodology').then(toRoute) },
            { path: '*', lazy: () => import('./routes/not-found').then(toRoute) }
        ]
    }
];

function toRoute(m: { default: React.ComponentType }): { Component: React.ComponentType } {
    return { Component: m.default };
}

export function createAppRouter() {
    return createBrowserRouter(routes);
}

export function createTestRouter(initialPath: string) {
    return createMemoryRouter(routes, { initialEntries: [initialPath] });
}
