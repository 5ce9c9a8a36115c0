import { Actor, HttpAgent, type ActorSubclass, type Identity } from '@dfinity/agent';
import { idlFactory, type ContractCandid, type MarketplaceService, type ResultBatch } from './candid.js';
import { ConversionError, benchmarkOut, contractIdToNat, contractRecordIn, conversationEventOut, probeTargetIn, providerRecordIn, statusOf, uptimeOut } from './convert.js';
import { GatewayError } from './errors.js';
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

export interface AgentGatewayOptions {
    host: string;
    canisterId: string;
    /** Registered as the canister's relay (payments, conversation events, benchmarks) and, unless `monitorIdentity` is given, as a monitor too. */
    identity: Identity;
    /** A separate key registered as a monitor (probe targets, uptime reports); by default `identity` (one principal may hold both roles). */
    monitorIdentity?: Identity;
    fetchRootKey: boolean;
}

type Service = ActorSubclass<MarketplaceService>;
type MethodName = keyof MarketplaceService;
/** Trust-signal batch methods: `(vec record) -> (ResultBatch)`, `ResultBatch` = `variant { Ok : BatchOutcome; Err : CanisterError }`. */
type BatchMethod = 'submitConversationEvents' | 'submitUptime' | 'submitBenchmarks';
type BatchItem<M extends BatchMethod> = Parameters<MarketplaceService[M]>[0][number];
const PAGE = 100;

/**
 * The real gateway: `HttpAgent` + `Actor` over the generated IDL factory and types
 * (canisters/marketplace/declarations), calls signed by the relay's Ed25519 identity.
 */
export class AgentGateway implements CanisterGateway {
    private tokens: Map<string, string> | null = null;

    private constructor(
        private readonly actor: Service,
        private readonly monitor: Service
    ) {}

    static async create(o: AgentGatewayOptions): Promise<AgentGateway> {
        const actorFor = async (identity: Identity) => {
            const agent = await HttpAgent.create({ host: o.host, identity, shouldFetchRootKey: o.fetchRootKey });
            return Actor.createActor<MarketplaceService>(idlFactory, { agent, canisterId: o.canisterId });
        };
        const relay = await actorFor(o.identity);
        return new AgentGateway(relay, o.monitorIdentity ? await actorFor(o.monitorIdentity) : relay);
    }

    /** Over ready actors (or test doubles with some of the same methods). */
    static fromActors(relay: object, monitor: object = relay): AgentGateway {
        return new AgentGateway(relay as Service, monitor as Service);
    }

    async notifyIcpayPayment(c: IcpayCredit): Promise<CreditOutcome> {
        const r = await this.call('notifyIcpayPayment', [contractIdToNat(c.contractId), c.canisterTxId]);
        // Booked: funded, or (short after fees, contract no longer awaiting it) booked and refunded to the tenant.
        if ('Ok' in r) return 'Funded' in r.Ok.outcome ? { kind: 'credited' } : { kind: 'refunded' };
        if ('PaymentAlreadyCredited' in r.Err) return { kind: 'duplicate' };
        // Not forwarded to the escrow yet: ICPay may still forward it, so notifying again later may book it.
        if ('PaymentRefused' in r.Err && 'NotForwarded' in r.Err.PaymentRefused.reason) throw new GatewayError('unavailable', describe(r.Err), 'NotForwarded');
        throw rejected(r.Err);
    }

    submitConversationEvents(events: ConversationEvent[]): Promise<BatchOutcome> {
        return this.submitBatch('submitConversationEvents', events, (e) => [conversationEventOut(e)]);
    }

    submitUptimeBatch(minutes: UptimeMinute[]): Promise<BatchOutcome> {
        return this.submitBatch('submitUptime', minutes, (m) => [uptimeOut(m)], this.monitor);
    }

    submitBenchmarkReports(reports: BenchmarkReport[]): Promise<BatchOutcome> {
        return this.submitBatch('submitBenchmarks', reports, benchmarkOut);
    }

    /** The canister's probe targets (`probeTargets`, monitors and relays only): contracts in Provisioned/Active with an endpoint their provider declared. */
    async listProvisionedContracts(): Promise<ProvisionedContract[]> {
        const out: ProvisionedContract[] = [];
        for (let offset = 0; ; ) {
            const r = await this.call('probeTargets', [offset, PAGE], this.monitor);
            if ('Err' in r) throw rejected(r.Err);
            out.push(...r.Ok.items.map(probeTargetIn));
            const next = r.Ok.next[0];
            if (next === undefined || r.Ok.items.length === 0) return out;
            offset = next;
        }
    }

    async getContractForPayment(contractId: string): Promise<ContractForPayment | null> {
        if (!/^\d{1,20}$/.test(contractId)) return null; // not a contract id of this canister
        const [c] = await this.call('getContract', [contractIdToNat(contractId)]);
        if (!c) return null;
        const ledger = (await this.ledgers()).get(c.token) ?? '';
        // The contract's quote: what the escrow must receive after ICPay's fees (less is booked and refunded).
        const due = c.quote[0]?.amount ?? (c.total > c.deposited ? c.total - c.deposited : 0n);
        return { contractId, providerId: c.provider.toText(), tenantId: c.tenant.toText(), status: statusOf(c), ledgerCanisterId: ledger, amountDue: due };
    }

    async listProviders(): Promise<ProviderRecord[]> {
        const out: ProviderRecord[] = [];
        for (let offset = 0; ; offset += PAGE) {
            const page = await this.call('listProviders', [offset, PAGE]);
            out.push(...page.items.map(providerRecordIn));
            if (page.next.length === 0 || page.items.length === 0) return out;
        }
    }

    async listContracts(): Promise<ContractRecord[]> {
        return (await this.allContracts()).map(contractRecordIn);
    }

    private async allContracts(): Promise<ContractCandid[]> {
        const out: ContractCandid[] = [];
        for (let offset = 0; ; offset += PAGE) {
            const page = await this.call('listContracts', [{ tenant: [], provider: [], status: [] }, offset, PAGE]);
            out.push(...page.items);
            if (page.next.length === 0 || page.items.length === 0) return out;
        }
    }

    /** Token symbol → ledger canister id, from `getConfig` (cached). */
    private async ledgers(): Promise<Map<string, string>> {
        if (!this.tokens) {
            const cfg = await this.call('getConfig', []);
            this.tokens = new Map(cfg.tokens.map((t) => [t.symbol, t.ledger.toText()]));
        }
        return this.tokens;
    }

    /**
     * Sends a batch; items that cannot be converted are rejected locally, and an item the canister
     * names in an `Err` (by index) is dropped and the rest resubmitted, so one bad item does not
     * hold back a batch.
     */
    private async submitBatch<M extends BatchMethod, T extends { id: string }>(
        method: M,
        items: T[],
        toCandid: (t: T) => BatchItem<M>[],
        actor = this.actor
    ): Promise<BatchOutcome> {
        const outcome: BatchOutcome = { accepted: 0, duplicates: 0, rejected: [] };
        let pending = items.flatMap((item) => convertOrReject<T, BatchItem<M>>(item, toCandid, outcome));
        while (pending.length > 0) {
            const args = [pending.flatMap((p) => p.values)] as Parameters<MarketplaceService[M]>;
            const r: ResultBatch = await this.call(method, args, actor);
            if ('Ok' in r) {
                outcome.accepted += r.Ok.applied;
                outcome.duplicates += r.Ok.duplicates;
                return outcome;
            }
            const culprit = culpritOf(r.Err, pending.flatMap((p) => p.values.map(() => p.item)));
            if (!culprit) throw rejected(r.Err);
            outcome.rejected.push({ id: culprit.id, reason: describe(r.Err) });
            pending = pending.filter((p) => p.item !== culprit);
        }
        return outcome;
    }

    private async call<M extends MethodName>(method: M, args: Parameters<MarketplaceService[M]>, actor = this.actor): Promise<Awaited<ReturnType<MarketplaceService[M]>>> {
        const fn = actor[method] as unknown as ((...a: Parameters<MarketplaceService[M]>) => ReturnType<MarketplaceService[M]>) | undefined;
        if (!fn) throw new GatewayError('rejected', `the canister interface has no method ${method}`);
        try {
            return await fn(...args);
        } catch (e) {
            throw new GatewayError('unavailable', `${method}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        }
    }
}

function convertOrReject<T extends { id: string }, V>(item: T, toCandid: (t: T) => V[], outcome: BatchOutcome): { item: T; values: V[] }[] {
    try {
        const values = toCandid(item);
        if (values.length === 0) {
            outcome.accepted++;
            return [];
        }
        return [{ item, values }];
    } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        outcome.rejected.push({ id: item.id, reason: e.message });
        return [];
    }
}

function culpritOf<T>(err: object, byIndex: T[]): T | null {
    const body = Object.values(err)[0] as { index?: [] | [number] } | undefined;
    const index = body?.index?.[0];
    return index === undefined ? null : (byIndex[index] ?? null);
}

function describe(err: object): string {
    const [name, body] = Object.entries(err)[0] ?? ['Unknown', null];
    return `${name} ${JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`;
}

/** Errors an operator or time can cure are retried; the rest are final for that input. */
const TRANSIENT = new Set(['Unauthorized', 'FundingInProgress', 'TransferInFlight', 'LedgerError', 'InsufficientLedgerBalance']);

function rejected(err: object): GatewayError {
    const name = Object.keys(err)[0] ?? 'Unknown';
    return new GatewayError(TRANSIENT.has(name) ? 'unavailable' : 'rejected', describe(err), name);
}
