import { render, screen, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { AppProvider } from '@/app/provider';
import { createTestRouter } from '@/app/router';
import { testEnv } from '@/test/fake-actors';

vi.mock('@/lib/agent', () => ({ anonymousActors: async () => ({}), createAgent: async () => ({}), createActors: () => ({}) }));

describe('trust methodology route', () => {
    it('states every rule with its points, the evidence weights and the proof', async () => {
        testEnv();
        render(
            <AppProvider queryClient={new QueryClient()} auth={{ status: 'anonymous' }}>
                <RouterProvider router={createTestRouter('/trust/methodology')} />
            </AppProvider>
        );
        expect(await screen.findByRole('heading', { level: 1, name: 'How trust scores work' })).toBeTruthy();
        const rows = within(screen.getByRole('table')).getAllByRole('row');
        expect(rows).toHaveLength(19);
        expect(rows.map((r) => r.textContent).join('\n')).toContain('Paid contracts the provider failed');
        expect(screen.getByText(/capped at 3 months/)).toBeTruthy();
        expect(screen.getByText(/“100% of 2” ranks below “99% of 300”/)).toBeTruthy();
        expect(screen.getByRole('heading', { level: 2, name: 'Proof' })).toBeTruthy();
        expect(screen.getByRole('heading', { level: 2, name: 'Independent tenants and measured service' })).toBeTruthy();
        expect(screen.getByText(/Without tenants with history elsewhere worth 5 in full and 30 measured days.*cannot reach 80. Sybils alone reach 66 at most./)).toBeTruthy();
        expect(screen.getByText(/Such a tenant counts in full from 2 months of history elsewhere/)).toBeTruthy();
        expect(screen.getByText(/downtime counts at most as much as its median\s+tenant saw over 30 days .*in full from 2 months.*lowered no further than its target/)).toBeTruthy();
        expect(screen.getByText(/tenants without history elsewhere, and of tenants with history beyond their reach \(2 months elsewhere in full\), 2 at most all together/)).toBeTruthy();
        expect(screen.getByText(/A ring of colluding providers whose sybils rent from each other vouches only for\s+itself.*first 8 providers/)).toBeTruthy();
        expect(rows.map((r) => r.textContent).join('\n')).toContain('declined or left to expire before service are refunded and are no failure');
    });
});
