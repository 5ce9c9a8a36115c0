import { Actor, HttpAgent, type ActorSubclass, type Identity } from '@dfinity/agent';
import { ConversionError, benchmarkOut, contractIdToNat, contractRecordIn, conversationEventOut, endpointOf, providerRecordIn, statusOf, uptimeOut, type ContractCandid, type ProviderCandid } from './convert.js';
import { GatewayError } from './errors.js';
import { TRUST_METHODS, idlFactory } from './idl.js';
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
    /** Registered as the canister's relay (payments, conversation events, benchmarks). */
    identity: Identity;
    /** Registered as a monitor (uptime reports); the canister gives one role per principal. */
    monitorIdentity?: Identity;
    fetchRootKey: boolean;
}

type Variant = Record<string, unknown>;
type Method = (...args: unknown[]) => Promise<unknown>;
const PAGE = 100;
const PROBED = new Set(['Provisioned', 'Active']);

/** The real gateway: `HttpAgent` + `Actor`, calls signed by the relay's Ed25519 identity. */
export class AgentGateway implements CanisterGateway {
    private tokens: Map<string, string> | null = null;

    private constructor(
        private readonly actor: ActorSubclass<Record<string, Method>>,
        private readonly monitor: ActorSubclass<Record<string, Method>>
    ) {}

    static async create(o: AgentGatewayOptions): Promise<AgentGateway> {
        const actorFor = async (identity: Identity) => {
            const agent = await HttpAgent.create({ host: o.host, identity, shouldFetchRootKey: o.fetchRootKey });
            return Actor.createActor<Record<string, Method>>(idlFactory, { agent, canisterId: o.canisterId });
        };
        const relay = await actorFor(o.identity);
        return new AgentGateway(relay, o.monitorIdentity ? await actorFor(o.monitorIdentity) : relay);
    }

    /** Over ready actors (or test doubles with the same methods). */
    static fromActors(relay: object, monitor: object = relay): AgentGateway {
        return new AgentGateway(relay as ActorSubclass<Record<string, Method>>, monitor as ActorSubclass<Record<string, Method>>);
    }

    async creditIcpayPayment(c: IcpayCredit): Promise<CreditOutcome> {
        const r = (await this.call('creditPayment', [{ contractId: contractIdToNat(c.contractId), paymentId: c.paymentId, amount: c.amount }])) as Variant;
        if ('Ok' in r) return { kind: 'credited' };
        const err = r.Err as Variant;
        if ('PaymentAlreadyCredited' in err) return { kind: 'duplicate' };
        throw rejected(err);
    }

    submitConversationEvents(events: ConversationEvent[]): Promise<BatchOutcome> {
        return this.submitBatch(TRUST_METHODS.conversation, events, (e) => [conversationEventOut(e)]);
    }

    submitUptimeBatch(minutes: UptimeMinute[]): Promise<BatchOutcome> {
        return this.submitBatch(TRUST_METHODS.uptime, minutes, (m) => [uptimeOut(m)], this.monitor);
    }

    submitBenchmarkReports(reports: BenchmarkReport[]): Promise<BatchOutcome> {
        return this.submitBatch(TRUST_METHODS.benchmarks, reports, benchmarkOut);
    }

    async listProvisionedContracts(): Promise<ProvisionedContract[]> {
        const all = await this.allContracts();
        return all.flatMap((c) => {
            const endpoint = PROBED.has(statusOf(c)) && c.connection[0] ? endpointOf(c.connection[0]) : null;
            return endpoint ? [{ contractId: c.id.toString(), providerId: c.provider.toText(), endpoint }] : [];
        });
    }

    async getContractForPayment(contractId: string): Promise<ContractForPayment | null> {
        if (!/^\d{1,20}$/.test(contractId)) return null; // not a contract id of this canister
        const [c] = (await this.call('getContract', [contractIdToNat(contractId)])) as [] | [ContractCandid];
        if (!c) return null;
        const ledger = (await this.ledgers()).get(c.token) ?? '';
        // The canister funds a contract with its quote (what `creditPayment` checks as `Underpaid`).
        const due = c.quote[0]?.amount ?? (c.total > c.deposited ? c.total - c.deposited : 0n);
        return { contractId, providerId: c.provider.toText(), tenantId: c.tenant.toText(), status: statusOf(c), ledgerCanisterId: ledger, amountDue: due };
    }

    async listProviders(): Promise<ProviderRecord[]> {
        const out: ProviderRecord[] = [];
        for (let offset = 0; ; offset += PAGE) {
            const page = (await this.call('listProviders', [offset, PAGE])) as { items: ProviderCandid[]; next: [] | [number] };
            out.push(...page.items.map(providerRecordIn));
            if (page.next.length === 0 || page.items.length === 0) return out;
        }
    }

    async listContracts(): Promise<ContractRecord[]> {
        return (await this.allContracts()).map(contractRecordIn);
    }

    private async allContracts(): Promise<ContractCandid[]> {
        const out: ContractCandid[] = [];
        const filter = { tenant: [], provider: [], status: [] };
        for (let offset = 0; ; offset += PAGE) {
            const page = (await this.call('listContracts', [filter, offset, PAGE])) as { items: ContractCandid[]; next: [] | [number] };
            out.push(...page.items);
            if (page.next.length === 0 || page.items.length === 0) return out;
        }
    }

    /** Token symbol → ledger canister id, from `getConfig` (cached). */
    private async ledgers(): Promise<Map<string, string>> {
        if (!this.tokens) {
            const cfg = (await this.call('getConfig')) as { tokens: { symbol: string; ledger: { toText(): string } }[] };
            this.tokens = new Map(cfg.tokens.map((t) => [t.symbol, t.ledger.toText()]));
        }
        return this.tokens;
    }

    /**
     * Sends a batch; items that cannot be converted are rejected locally, and an item the canister
     * names in an `Err` (by index) is dropped and the rest resubmitted, so one bad item does not
     * hold back a batch.
     */
    private async submitBatch<T extends { id: string }>(method: string, items: T[], toCandid: (t: T) => unknown[], actor = this.actor): Promise<BatchOutcome> {
        const outcome: BatchOutcome = { accepted: 0, duplicates: 0, rejected: [] };
        let pending = items.flatMap((item) => convertOrReject(item, toCandid, outcome));
        while (pending.length > 0) {
            const r = (await this.call(method, [pending.flatMap((p) => p.values)], actor)) as Variant;
            if ('Ok' in r) {
                const ok = r.Ok as { applied: number; duplicates: number };
                outcome.accepted += ok.applied;
                outcome.duplicates += ok.duplicates;
                return outcome;
            }
            const culprit = culpritOf(r.Err as Variant, pending.flatMap((p) => p.values.map(() => p.item)));
            if (!culprit) throw rejected(r.Err as Variant);
            outcome.rejected.push({ id: culprit.id, reason: describe(r.Err as Variant) });
            pending = pending.filter((p) => p.item !== culprit);
        }
        return outcome;
    }

    private async call(method: string, args: unknown[] = [], actor = this.actor): Promise<unknown> {
        const fn = actor[method];
        if (!fn) throw new GatewayError('rejected', `the canister interface has no method ${method}`);
        try {
            return await fn(...args);
        } catch (e) {
            throw new GatewayError('unavailable', `${method}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        }
    }
}

function convertOrReject<T extends { id: string }>(item: T, toCandid: (t: T) => unknown[], outcome: BatchOutcome): { item: T; values: unknown[] }[] {
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

function culpritOf<T>(err: Variant, byIndex: T[]): T | null {
    const body = Object.values(err)[0] as { index?: [] | [number] } | undefined;
    const index = body?.index?.[0];
    return index === undefined ? null : (byIndex[index] ?? null);
}

function describe(err: Variant): string {
    const [name, body] = Object.entries(err)[0] ?? ['Unknown', null];
    return `${name} ${JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`;
}

/** Errors an operator or time can cure are retried; the rest are final for that input. */
const TRANSIENT = new Set(['Unauthorized', 'FundingInProgress', 'TransferInFlight', 'LedgerError', 'InsufficientLedgerBalance']);

function rejected(err: Variant): GatewayError {
    const name = Object.keys(err)[0] ?? 'Unknown';
    return new GatewayError(TRANSIENT.has(name) ? 'unavailable' : 'rejected', describe(err), name);
}
