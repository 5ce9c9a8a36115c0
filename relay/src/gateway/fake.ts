import type {
    BatchOutcome,
    BenchmarkReport,
    CanisterGateway,
    ContractForPayment,
    ContractRecord,
    ConversationEvent,
    CreditOutcome,
    IcpayCredit,
    ProviderRecord,
    ProvisionedContract,
    UptimeMinute
} from './types.js';
import { GatewayError } from './errors.js';

/** In-memory canister double: deduplicates by id like the real canister, can be taken down. */
export class FakeGateway implements CanisterGateway {
    down = false;
    readonly credits = new Map<string, IcpayCredit>();
    readonly conversationEvents = new Map<string, ConversationEvent>();
    readonly uptime = new Map<string, UptimeMinute>();
    readonly benchmarks = new Map<string, BenchmarkReport>();
    readonly calls: { method: string; size: number }[] = [];
    duplicatesSeen = 0;
    contracts: ContractForPayment[] = [];
    provisioned: ProvisionedContract[] = [];
    providers: ProviderRecord[] = [];
    contractRecords: ContractRecord[] = [];
    /** Contracts closed or already paid: the canister books a credit and refunds it. */
    closedContracts = new Set<string>();
    /** Called before every update; may throw or delay (used to simulate slow or failing calls). */
    beforeCall: (method: string) => Promise<void> = async () => undefined;

    async notifyIcpayPayment(credit: IcpayCredit): Promise<CreditOutcome> {
        await this.enter('notifyIcpayPayment', 1);
        if (this.credits.has(credit.paymentId)) {
            this.duplicatesSeen++;
            return { kind: 'duplicate' };
        }
        this.credits.set(credit.paymentId, credit);
        return this.closedContracts.has(credit.contractId) ? { kind: 'refunded' } : { kind: 'credited' };
    }

    async submitConversationEvents(events: ConversationEvent[]): Promise<BatchOutcome> {
        await this.enter('submitConversationEvents', events.length);
        return this.store(this.conversationEvents, events);
    }

    async submitUptimeBatch(minutes: UptimeMinute[]): Promise<BatchOutcome> {
        await this.enter('submitUptimeBatch', minutes.length);
        return this.store(this.uptime, minutes);
    }

    async submitBenchmarkReports(reports: BenchmarkReport[]): Promise<BatchOutcome> {
        await this.enter('submitBenchmarkReports', reports.length);
        return this.store(this.benchmarks, reports);
    }

    async listProvisionedContracts(): Promise<ProvisionedContract[]> {
        this.check();
        return this.provisioned;
    }

    async getContractForPayment(contractId: string): Promise<ContractForPayment | null> {
        this.check();
        return this.contracts.find((c) => c.contractId === contractId) ?? null;
    }

    async listProviders(): Promise<ProviderRecord[]> {
        this.check();
        return this.providers;
    }

    async listContracts(): Promise<ContractRecord[]> {
        this.check();
        return this.contractRecords;
    }

    private async enter(method: string, size: number): Promise<void> {
        this.check();
        await this.beforeCall(method);
        this.check();
        this.calls.push({ method, size });
    }

    private check(): void {
        if (this.down) throw new GatewayError('unavailable', 'fake canister is down');
    }

    private store<T extends { id: string }>(map: Map<string, T>, items: T[]): BatchOutcome {
        let accepted = 0;
        let duplicates = 0;
        for (const item of items) {
            if (map.has(item.id)) duplicates++;
            else {
                map.set(item.id, item);
                accepted++;
            }
        }
        this.duplicatesSeen += duplicates;
        return { accepted, duplicates, rejected: [] };
    }
}
