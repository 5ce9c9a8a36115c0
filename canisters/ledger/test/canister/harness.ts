import type { Principal } from '@dfinity/principal';
import { LocalPocketIc } from '@trustcloud/localnet';
import { deployLedger, type DeployedLedger, type LedgerActor, type LedgerInitArgs } from '../../testing/index.js';

export { CallRejectedError } from '@trustcloud/localnet';

/** One localnet with one ledger, plus the clock. */
export class LedgerFixture {
    private constructor(
        readonly pic: LocalPocketIc,
        private readonly ledger: DeployedLedger
    ) {}

    static async create(controller: Principal, init: LedgerInitArgs): Promise<LedgerFixture> {
        const pic = await LocalPocketIc.create();
        return new LedgerFixture(pic, await deployLedger(pic, { controller, init }));
    }

    get canisterId(): Principal {
        return this.ledger.canisterId;
    }

    as(sender: Principal): LedgerActor {
        return this.ledger.as(sender);
    }

    upgrade(init: LedgerInitArgs): Promise<void> {
        return this.ledger.upgrade(init);
    }

    nowNs(): bigint {
        return this.pic.ic.clock.nowNs();
    }

    advanceTimeMs(ms: number): Promise<void> {
        return this.pic.advanceTime(ms);
    }
}
