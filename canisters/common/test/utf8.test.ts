import { describe, expect, it } from 'vitest';

import { utf8 } from '../utf8';

describe('utf8 (the canisters’ own)', () => {
    it('gives the same bytes as TextEncoder, ASCII or not', () => {
        for (const s of ['', 'trust', 'ic-hashtree-fork', 'zu teuer — günstiger', '日本語', '🙂 ok', 'a\u0000b\n']) {
            expect([...utf8(s)], s).toEqual([...new TextEncoder().encode(s)]);
        }
    });
});
