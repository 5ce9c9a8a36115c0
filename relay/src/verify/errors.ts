/** The one error every verifier throws. `reason` is safe to return to the caller. */
export type VerificationReason =
    | 'missing_header'
    | 'unsigned'
    | 'malformed_header'
    | 'bad_signature'
    | 'stale_timestamp'
    | 'future_timestamp'
    | 'malformed_body'
    | 'unsupported_key'
    | 'principal_mismatch'
    | 'expired'
    | 'wrong_target'
    | 'replayed'
    | 'busy';

export class VerificationError extends Error {
    override readonly name = 'VerificationError';
    constructor(
        readonly reason: VerificationReason,
        detail: string
    ) {
        super(detail);
    }
}
