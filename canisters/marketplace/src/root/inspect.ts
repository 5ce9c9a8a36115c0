// canister_inspect_message: refuses, before the canister pays for executing it, an ingress
// message that is certain to fail — a method that is not an update of this canister (the system
// already refuses names the module does not export), an argument above MAX_ARG_BYTES, an
// anonymous caller of a method that needs an identity, a non-controller calling a controller
// method, a principal without the relay role calling a relay method. (Inspection runs on one
// node and is advisory: every method still checks for itself.)
import { isController, msgArgData, msgCaller, msgMethodName } from 'azle';

import { MAX_ARG_BYTES } from '../kernel/limits';
import { market } from './state';

const ANONYMOUS = '2vxsx-fae';

/** Update methods open to any signed principal (the market's and the trust module's). */
const SIGNED = new Set([
    'registerProvider', 'updateProvider', 'payListingFee', 'createOffering', 'updateOffering', 'setOfferingActive', 'requestContract', 'rentOffering', 'fund',
    'acceptContract', 'rejectContract', 'startProvisioning', 'reportProvisioned', 'setProbeEndpoint', 'reportProvisioningFailed',
    'confirmActive', 'pauseContract', 'resumeContract', 'extendContract', 'cancelContract', 'withdraw', 'retryTransfer', 'audit', 'notifyIcpayPayment',
    'declareMonitor', 'removeMonitor', 'submitFeedback', 'settleSla', 'submitUptime'
]);
const CONTROLLER = new Set([
    'withdrawFees', 'runDue', 'setFeeBps', 'setFeeAccount', 'addRelay', 'removeRelay', 'setRequestTimeout', 'setToken', 'benchSeed', 'benchSeedOfferings',
    'setTrustReporter', 'setAnchorProvider', 'setListingFee'
]);
/** The IC's own ingress limit: the bound of the trust module's signal batches (up to 500 items each, checked by trust). */
const SYSTEM_MAX_ARG = 2 * 1024 * 1024;
const BATCHES = new Set(['submitUptime', 'submitConversationEvents', 'submitBenchmarks']);
const RELAY = new Set(['submitConversationEvents', 'submitBenchmarks']);
const RELAY_OR_CONTROLLER = new Set<string>(['refreshMarket']);
const ANYONE = new Set(['ping']);

export type Verdict = 'accept' | 'unknown method' | 'argument too large' | 'anonymous caller' | 'controllers only' | 'relays only';

export function verdict(method: string, argBytes: number, caller: string, controller: boolean, relay: boolean): Verdict {
    if (method.startsWith('_azle_')) return 'unknown method';
    const listed = SIGNED.has(method) || CONTROLLER.has(method) || RELAY.has(method) || RELAY_OR_CONTROLLER.has(method) || ANYONE.has(method);
    if (!listed) return 'unknown method';
    if (argBytes > (BATCHES.has(method) ? SYSTEM_MAX_ARG : MAX_ARG_BYTES)) return 'argument too large';
    if (ANYONE.has(method)) return 'accept';
    if (caller === ANONYMOUS) return 'anonymous caller';
    if (CONTROLLER.has(method) && !controller) return 'controllers only';
    if (RELAY.has(method) && !relay) return 'relays only';
    if (RELAY_OR_CONTROLLER.has(method) && !relay && !controller) return 'relays only';
    return 'accept';
}

/** Returns true to accept the message (Azle then calls ic0.accept_message). */
export function inspect(): boolean {
    const p = msgCaller();
    const who = p.toText();
    const method = msgMethodName();
    const controller = CONTROLLER.has(method) || RELAY_OR_CONTROLLER.has(method) ? isController(p) : false;
    const relay = RELAY.has(method) || RELAY_OR_CONTROLLER.has(method) ? market().isRelay(who) : false;
    return verdict(method, msgArgData().length, who, controller, relay) === 'accept';
}
