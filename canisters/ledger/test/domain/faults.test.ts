import { describe, expect, it } from 'vitest';
import { faultError, takeFault, type FaultKind } from '../../src/domain';

describe('fault countdown', () => {
    const trap: FaultKind = { Trap: null };

    it('fires the armed number of times, then disarms', () => {
        const first = takeFault({ kind: trap, remaining: 2 });
        expect(first).toEqual({ fault: trap, rest: { kind: trap, remaining: 1 } });
        expect(takeFault(first?.rest ?? undefined)).toEqual({ fault: trap, rest: null });
    });

    it.each([undefined, { kind: trap, remaining: 0 }])('does nothing when disarmed (%o)', (armed) => {
        expect(takeFault(armed)).toBeNull();
    });

    it.each<[FaultKind, unknown]>([
        [{ TemporarilyUnavailable: null }, { TemporarilyUnavailable: null }],
        [{ GenericError: { message: 'x', error_code: 9n } }, { GenericError: { message: 'x', error_code: 9n } }],
        [{ Trap: null }, null],
        [{ ReplyLost: null }, null]
    ])('maps %o to the error it returns', (fault, error) => {
        expect(faultError(fault)).toEqual(error);
    });
});
