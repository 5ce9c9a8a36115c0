// The Chatwoot stand-in's SDK injects its styles inline as Chatwoot's does, and the hash the
// operator's script reads from a running SDK is the one the local CSP admits.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalChatwoot, SDK_STYLE_HASH } from '../src/chatwoot/server';
import { chatwootStyleHash } from '../../scripts/chatwoot-style-hash';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('chat widget styles', () => {
    let chatwoot: LocalChatwoot;
    let url: string;
    beforeAll(async () => {
        chatwoot = new LocalChatwoot({});
        url = await chatwoot.start();
    });
    afterAll(async () => chatwoot?.stop());

    it('the SDK injects <style id="cw-widget-styles"> whose sha256 is the CSP source start uses', async () => {
        expect(SDK_STYLE_HASH).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
        expect(await chatwootStyleHash(url, CHROMIUM)).toBe(SDK_STYLE_HASH);
    }, 60_000);
});
