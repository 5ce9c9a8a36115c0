export { HttpGateway, MAX_CERT_TIME_OFFSET_NS, MAX_STREAMED_BODY, MIN_VERIFICATION_VERSION, type GatewayRequest, type GatewayResponse, type HttpGatewayOptions } from './gateway.js';
export { hostTarget, isCanisterHost, queryTarget, type GatewayTarget } from './route.js';
export type { CanisterHttpResponse } from './candid.js';
