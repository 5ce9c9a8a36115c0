// Placeholder until the trust domain provides its API class (H6 replaces this file).
import { MarketApi } from '../api/market';

export class TrustApi extends MarketApi {}
