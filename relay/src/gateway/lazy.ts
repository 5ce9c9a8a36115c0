import { GatewayError } from './errors.js';
import type { CanisterGateway } from './types.js';

/**
 * Creates the real gateway on first use and again after a failed attempt, so the relay starts
 * (and keeps accepting webhooks) while the IC is unreachable, e.g. a local replica's root key.
 */
export function lazyGateway(create: () => Promise<CanisterGateway>): CanisterGateway {
    let ready: Promise<CanisterGateway> | null = null;
    const get = async (): Promise<CanisterGateway> => {
        ready ??= create();
        try {
            return await ready;
        } catch (e) {
            ready = null;
            throw new GatewayError('unavailable', `cannot reach the IC: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
        }
    };
    return {
        notifyIcpayPayment: async (c) => (await get()).notifyIcpayPayment(c),
        submitConversationEvents: async (e) => (await get()).submitConversationEvents(e),
        submitUptimeBatch: async (m) => (await get()).submitUptimeBatch(m),
        submitBenchmarkReports: async (r) => (await get()).submitBenchmarkReports(r),
        listProvisionedContracts: async () => (await get()).listProvisionedContracts(),
        getContractForPayment: async (id) => (await get()).getContractForPayment(id),
        listProviders: async () => (await get()).listProviders(),
        listContracts: async () => (await get()).listContracts()
    };
}
