export { VerificationError, type VerificationReason } from './errors.js';
export { verifyChatwoot, signChatwoot } from './chatwoot.js';
export { verifyIcpay, signIcpay, signIcpayPlain } from './icpay.js';
export { verifySharedSecret, pushToken, verifyPushToken } from './shared_secret.js';
export { verifyPrincipalProof, principalProofSchema, proofMessage, sha256Hex, type PrincipalProof, type ProofRequest, type ProofOptions } from './principal_proof.js';
export { verifyCanisterSig, parseCanisterSigKey, VerificationBudget } from './canister_sig.js';
export { hmacSha256Hex, safeEqualHex } from './hmac.js';
