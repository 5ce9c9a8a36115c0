// Names of the asset canister's Candid types: upstream assets.did's own names (scripts/candid-names.ts
// proves them against Azle's .did). UpgradeArgs has InitArgs' structure and prints as InitArgs.
import {
    AssetCanisterArgs, BatchOperationKind, CommitBatchArguments, CommitProposedBatchArguments, ComputeEvidenceArguments, ConfigurationResponse, ConfigureArguments,
    CreateAssetArguments, GrantPermission, HeaderField, HttpRequest, HttpResponse, InitArgs, ListPermitted, Permission, RevokePermission, SetAssetContentArguments,
    SetAssetPropertiesArguments, SetPermissions, StateInfo, StreamingCallbackHttpResponse, StreamingCallbackToken, StreamingStrategy, UnsetAssetContentArguments, ValidationResult
} from './candid';

export const CANDID_NAMES = {
    HeaderField, CreateAssetArguments, SetAssetContentArguments, UnsetAssetContentArguments, SetAssetPropertiesArguments, BatchOperationKind, CommitBatchArguments,
    CommitProposedBatchArguments, ComputeEvidenceArguments, HttpRequest, HttpResponse, StreamingCallbackToken, StreamingCallbackHttpResponse, StreamingStrategy,
    ConfigurationResponse, ConfigureArguments, StateInfo, Permission, GrantPermission, RevokePermission, ListPermitted, ValidationResult, SetPermissions, InitArgs,
    AssetCanisterArgs
};
