export { VerificationError, type VerificationReason } from './errors.js';
export { verifyChatwoot, signChatwoot } from './chatwoot.js';
export { verifyIcpay, signIcpay, signIcpayPlain } from './icpay.js';
export { verifySharedSecret, pushToken, verifyPushToken } from './shared_secret.js';
export { verifyPrincipalProof, principalProofSchema, proofMessage, type PrincipalProof } from './principal_proof.js';
export { hmacSha256Hex, safeEqualHex } from './hmac.js';
