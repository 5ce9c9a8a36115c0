// The marketplace canister: market methods (api/market.ts) + trust methods (trust/api.ts).
import { TrustApi } from './trust/api';

export default class Marketplace extends TrustApi {}
