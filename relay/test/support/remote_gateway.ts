import { GatewayError } from '../../src/gateway/errors.js';
import type { BatchOutcome, CanisterGateway, ContractForPayment, CreditOutcome, IcpayCredit } from '../../src/gateway/types.js';

/** Test-only gateway that talks to `FakeCanisterServer` over HTTP (for child-process tests). */
export class RemoteFakeGateway implements CanisterGateway {
    constructor(private readonly url: string) {}

    private async submit(method: string, items: { id: string }[]): Promise<BatchOutcome> {
        let res: Response;
        try {
            res = await fetch(`${this.url}/submit/${method}`, { method: 'POST', body: JSON.stringify({ items }), headers: { 'content-type': 'application/json' } });
        } catch (e) {
            throw new GatewayError('unavailable', e instanceof Error ? e.message : String(e));
        }
        if (!res.ok) throw new GatewayError('unavailable', `fake canister answered ${res.status}`);
        return (await res.json()) as BatchOutcome;
    }

    async notifyIcpayPayment(c: IcpayCredit): Promise<CreditOutcome> {
        const r = await this.submit('credit', [{ id: c.paymentId }]);
        return r.accepted === 1 ? { kind: 'credited' } : { kind: 'duplicate' };
    }
    submitConversationEvents = (items: { id: string }[]) => this.submit('conversation', items);
    submitUptimeBatch = (items: { id: string }[]) => this.submit('uptime', items);
    submitBenchmarkReports = (items: { id: string }[]) => this.submit('benchmarks', items);
    listProvisionedContracts = async () => [];
    getContractForPayment = async (): Promise<ContractForPayment | null> => null;
    listProviders = async () => [];
    listContracts = async () => [];
}
