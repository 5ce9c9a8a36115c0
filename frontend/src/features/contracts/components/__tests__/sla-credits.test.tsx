import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SlaPeriod } from '../../types';
import { SlaCredits } from '../sla-credits';

const period = (over: Partial<SlaPeriod>): SlaPeriod => ({ period: 0, start: 0n, end: 86_400_000_000_000n, uptimeBps: 9_800, coverageBps: 10_000, creditBps: 1_000, credit: 50n, credited: 50n, paid: true, outcome: 'breached', note: '', settledAt: 1n, ...over });

describe('SLA credits', () => {
    it('shows each period and the total that reached the tenant, and says when escrow capped a credit', () => {
        render(<SlaCredits role="tenant" amount={(v) => `${v} u`} periods={[period({}), period({ period: 1, credit: 80n, credited: 30n })]} />);
        expect(screen.getByTestId('sla-credited-total').textContent).toBe('Credited to you: 80 u');
        const second = screen.getByTestId('sla-1');
        expect(within(second).getByText('capped by what was left in escrow')).toBeTruthy();
        expect(within(screen.getByTestId('sla-0')).queryByText(/capped/)).toBeNull();
    });
    it('speaks to the provider about its escrow, and explains an empty list', () => {
        const { rerender } = render(<SlaCredits role="provider" amount={(v) => `${v} u`} periods={[period({})]} />);
        expect(screen.getByTestId('sla-credited-total').textContent).toBe('Credited to the tenant from your escrow: 50 u');
        rerender(<SlaCredits role="provider" amount={(v) => `${v} u`} periods={[]} />);
        expect(screen.getByText(/No SLA period settled yet/)).toBeTruthy();
    });
});
