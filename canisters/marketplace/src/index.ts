// The marketplace canister: the market methods (api/market.ts stacks the catalog, reporters and escrow entries) + the trust methods (trust/api.ts).
import { TrustApi } from './trust/api';

export default class Marketplace extends TrustApi {}
