import { act, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Dialog } from '../dialog';

/** What Chromium does after repeated Escape presses: closes the dialog without a cancelable `cancel`. */
function browserCloses(d: HTMLDialogElement): void {
    act(() => {
        d.removeAttribute('open');
        d.dispatchEvent(new Event('close'));
    });
}

function Owned({ onClose }: { onClose: () => void }) {
    const [open, setOpen] = useState(true);
    return (
        <>
            <button type="button" onClick={() => setOpen(true)}>
                Open
            </button>
            <Dialog
                open={open}
                onClose={() => {
                    onClose();
                    setOpen(false);
                }}
                title="Rent"
            >
                <p>Body</p>
            </Dialog>
        </>
    );
}

describe('Dialog', () => {
    it('is named by its title and has a labelled close button', () => {
        render(
            <Dialog open onClose={() => undefined} title="Rent Nimbus VPS M">
                <p>Body</p>
            </Dialog>
        );
        const dialog = screen.getByRole('dialog', { name: 'Rent Nimbus VPS M' });
        expect(dialog).toBeTruthy();
        expect(screen.getByRole('button', { name: 'Close' })).toBeTruthy();
    });

    it('follows a close made by the browser, so it can be opened again', async () => {
        const onClose = vi.fn();
        render(<Owned onClose={onClose} />);
        const dialog = screen.getByRole('dialog') as HTMLDialogElement;
        browserCloses(dialog);
        expect(onClose).toHaveBeenCalledTimes(1);
        await waitFor(() => expect(screen.queryByText('Body')).toBeNull());
        act(() => screen.getByRole('button', { name: 'Open', hidden: true }).click());
        await waitFor(() => expect(dialog.hasAttribute('open')).toBe(true));
        expect(screen.getByText('Body')).toBeTruthy();
    });

    it('shows itself again when the owner keeps it open (work in progress)', async () => {
        const onClose = vi.fn();
        render(
            <Dialog open onClose={onClose} title="Paying">
                <p>Working…</p>
            </Dialog>
        );
        const dialog = screen.getByRole('dialog') as HTMLDialogElement;
        browserCloses(dialog);
        expect(onClose).toHaveBeenCalledTimes(1);
        await waitFor(() => expect(dialog.hasAttribute('open')).toBe(true));
        expect(screen.getByText('Working…')).toBeTruthy();
    });
});
