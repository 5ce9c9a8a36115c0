// Time never goes backwards across a stop, crash or restart: the clock writes its high-water mark
// ahead of the times it reports, and a restart resumes at or after it (issue: canister time went
// back ~40 s across an `npm start` restart because it resumed from the last save).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { LocalIcImpl } from '../../src/ic/local_ic.js';
import { loadState, saveState } from '../../src/ic/persistence.js';
import { LocalPocketIc } from '../../src/testing/pocket.js';

const DAY_NS = 86_400_000_000_000n;
let dirs: string[] = [];
const stateDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'localnet-time-'));
    dirs.push(d);
    return d;
};
afterEach(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    dirs = [];
});

describe('time across restarts', () => {
    it('wall clock: a crash after the last save does not move time back, advanced time included', async () => {
        const dir = stateDir();
        const ic = new LocalIcImpl({ clock: 'wall' });
        saveState(ic, dir);
        ic.setTimeNs(ic.clock.nowNs() + DAY_NS); // the dev endpoint's time advance, after the save
        await new Promise((r) => setTimeout(r, 30));
        const lastReported = ic.clock.nowNs();
        // crash: no further save
        const restarted = loadState(dir, { clock: 'wall' });
        expect(restarted.clock.nowNs()).toBeGreaterThanOrEqual(lastReported);
        // and it keeps flowing with the wall clock from there (the offset is kept)
        expect(restarted.clock.nowNs() - lastReported).toBeLessThan(10_000_000_000n);
        const before = restarted.clock.nowNs();
        await new Promise((r) => setTimeout(r, 20));
        expect(restarted.clock.nowNs()).toBeGreaterThan(before);
    });

    it('wall clock: time read long after the last save survives a restart', async () => {
        const dir = stateDir();
        const ic = new LocalIcImpl({ clock: 'wall' });
        saveState(ic, dir);
        await new Promise((r) => setTimeout(r, 50));
        const lastReported = ic.clock.nowNs();
        expect(loadState(dir, { clock: 'wall' }).clock.nowNs()).toBeGreaterThanOrEqual(lastReported);
    });

    it('manual clock: setTime after the save is kept; the restart cannot go before it', async () => {
        const dir = stateDir();
        const pic = await LocalPocketIc.create();
        await pic.saveState(dir);
        await pic.advanceTime(3_600_000);
        const lastReported = await pic.getTime();
        const restarted = await LocalPocketIc.loadState(dir);
        expect(await restarted.getTime()).toBe(lastReported);
        await expect(restarted.setTime(lastReported - 1)).rejects.toThrow(/backwards/);
    });

    it('settings (environment variables, log visibility) survive a restart', async () => {
        const dir = stateDir();
        const pic = await LocalPocketIc.create();
        const canisterId = await pic.createCanister();
        await pic.updateCanisterSettings({ canisterId, environmentVariables: [{ name: 'MODE', value: 'test' }], logVisibility: { public: null }, freezingThreshold: 7n });
        await pic.saveState(dir);
        const restarted = await LocalPocketIc.loadState(dir);
        const status = await restarted.canisterStatus({ canisterId });
        expect(status.settings.environment_variables).toEqual([{ name: 'MODE', value: 'test' }]);
        expect(status.settings.log_visibility).toEqual({ public: null });
        expect(status.settings.freezing_threshold).toBe(7n);
    });
});
