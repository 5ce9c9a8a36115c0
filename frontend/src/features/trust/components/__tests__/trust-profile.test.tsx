import { render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { TrustProfile } from '../../types';
import { CertifiedSummaryView } from '../certified-summary';
import { TrustProfileView } from '../trust-profile';

vi.mock('@/lib/agent', () => ({ anonymousActors: async () => ({ marketplace: { certifiedTrustSummary: async () => [] }, agent: { rootKey: null } }) }));

const flag = (code: string, message: string, critical = false) => ({ code, message, critical, since: undefined });

/** The display faults of issue 11: 97.5% with 6 incidents beside "No red flags" and "Good standing", targets that disagree. */
function profile(over: Partial<TrustProfile> = {}): TrustProfile {
    return {
        provider: '2vxsx-fae',
        score: 66,
        rank: 41,
        evidence: 2.5,
        evidenceText: '2.5 months of paid service from 2 tenants',
        payers: 2,
        restsOn: '2 tenants, 1 with history elsewhere, 21.2 days of measured service in 30 days',
        independentTenants: 1,
        measuredDays: 21.2,
        offeringUptime: [{ offeringId: 1n, name: 'Small VPS', target: 0.9995, uptime: 0.975, downMinutes: 1080, incidents: 6 }],
        flags: [flag('uptime_target', 'Below target: 97.50% uptime in 30 days on Small VPS against its 99.95% target, 6 incidents', true)],
        rules: [
            { rule: 'prior', label: 'Neutral starting score', points: 60, rulePoints: 60, text: '60: every provider starts here', inputs: [] },
            { rule: 'evidence', label: 'Evidence', points: 18, rulePoints: 40, text: '+18: 2.5 months of paid service from 2 tenants (evidence weight 45%)', inputs: [] },
            { rule: 'uptime_target', label: 'Uptime', points: -9, rulePoints: -20, text: '−9: 97.50% uptime in 30 days on Small VPS against its 99.95% target, 6 incidents', inputs: [] },
            { rule: 'concentration', label: 'Concentration', points: -3, rulePoints: -5, text: "−3: 80% of this provider's paid time comes from one tenant", inputs: [] },
            { rule: 'completion', label: 'Completion', points: 0, rulePoints: 0, text: '0: …', inputs: [] }
        ],
        uptime30d: 0.975,
        uptimeTarget: 0.9995,
        uptimeDays: [],
        uptimeWindows: [],
        incidents: 6,
        firstResponseMedianSecs: undefined,
        firstResponseP90Secs: undefined,
        responseSamples: 0,
        slaBreaches: 0,
        silentSince: undefined,
        feedback: { matchedYes: 0, matchedNo: 0, againYes: 0, againNo: 0 },
        contracts: { completed: 1, cancelled: 0, rejected: 0, running: 1, repeatCustomers: 0, provisioned: 2 },
        claims: [],
        offeringMarkets: [],
        ...over
    };
}

function renderProfile(t: TrustProfile) {
    const router = createMemoryRouter([{ path: '/', element: <QueryClientProvider client={new QueryClient()}><TrustProfileView trust={t} /></QueryClientProvider> }]);
    return render(<RouterProvider router={router} />);
}

describe('trust profile display', () => {
    it('a critical flag is never "good standing"; the breakdown is in words and adds up to the score', async () => {
        renderProfile(profile());
        expect(await screen.findByText('Critical flags raised')).toBeTruthy();
        expect(screen.queryByText('Good standing')).toBeNull();
        expect(screen.queryByText('No red flags.')).toBeNull();
        const lines = within(screen.getByRole('list', { name: 'Score breakdown' })).getAllByRole('listitem').map((li) => li.textContent);
        expect(lines).toContain('−9: 97.50% uptime in 30 days on Small VPS against its 99.95% target, 6 incidents');
        expect(lines.join(' ')).not.toMatch(/\d\.\d{5,}/);
        expect(screen.getByText('The lines add up to 66; rules that did not fire add 0.')).toBeTruthy();
        expect(screen.getByTestId('trust-evidence').textContent).toContain('Rests on 2.5 months of paid service from 2 tenants');
        expect(screen.getByTestId('trust-rests-on').textContent).toBe('Independent evidence: 2 tenants, 1 with history elsewhere, 21.2 days of measured service in 30 days.');
        expect(within(screen.getByRole('list', { name: 'Uptime by offering' })).getByRole('listitem').textContent).toContain('Small VPS: 97.50% against its 99.95% target, 6 incidents — below target');
    });

    it('no evidence says so instead of "no red flags"', async () => {
        renderProfile(profile({ score: 60, evidence: 0, evidenceText: '', restsOn: '', flags: [], offeringUptime: [] }));
        expect(await screen.findByText('New: no paid service yet')).toBeTruthy();
        expect(screen.getByText('No flags — but no paid service to judge by either.')).toBeTruthy();
    });
});

describe('certified summary', () => {
    it('shows a verified summary with what was certified', () => {
        render(<CertifiedSummaryView verification={{ verified: true, fresh: true, certifiedAtNs: 0n, summary: { provider: 'x', score: 81, rank: 60, evidence: '4.0 months of paid service from 5 tenants', months: 4, payers: 5, uptime30dPct: 99.2, downMinutes30d: 340, flags: [], critical: false, asOf: '1800000000000000000' } }} />);
        expect(screen.getByRole('status').textContent).toMatch(/^✓ Verified in your browser against the Internet Computer’s root key: score 81, 99\.20% uptime in the last 30 days, 4\.0 months/);
        // asOf is nanoseconds: 1.8e18 ns is January 2027.
        expect(screen.getByRole('status').textContent).toMatch(/2027/);
    });

    it('shows a genuine but old certificate as stale since its time, not as verified', () => {
        const summary = { provider: 'x', score: 81, rank: 60, evidence: '4.0 months of paid service from 5 tenants', months: 4, payers: 5, uptime30dPct: 99.2, downMinutes30d: 340, flags: [], critical: false, asOf: '1800000000000000000' };
        render(<CertifiedSummaryView verification={{ verified: true, fresh: false, certifiedAtNs: 1_800_000_000_000_000_000n, summary }} />);
        const text = screen.getByRole('status').textContent ?? '';
        expect(text).toMatch(/^Stale since .*2027.*: the certificate is genuine but older than 5 minutes/);
        expect(text).not.toMatch(/Verified/);
    });

    it('shows a tampered answer as unverified', () => {
        render(<CertifiedSummaryView verification={{ verified: false, reason: 'the summary does not match its certified hash' }} />);
        expect(screen.getByRole('status').textContent).toBe('Unverified: the summary does not match its certified hash. Do not rely on these figures.');
    });
});
