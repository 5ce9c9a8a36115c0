// The asset canister's Candid, DFINITY's assets.did (ic-certified-assets) type for type, so that
// dfx, icp-cli and @dfinity/assets talk to it unchanged.
import { IDL } from 'azle';

export const Key = IDL.Text;
export const BatchId = IDL.Nat;
export const ChunkId = IDL.Nat;
export const HeaderField = IDL.Tuple(IDL.Text, IDL.Text);

export const CreateAssetArguments = IDL.Record({
    key: Key,
    content_type: IDL.Text,
    max_age: IDL.Opt(IDL.Nat64),
    headers: IDL.Opt(IDL.Vec(HeaderField)),
    enable_aliasing: IDL.Opt(IDL.Bool),
    allow_raw_access: IDL.Opt(IDL.Bool)
});
export const SetAssetContentArguments = IDL.Record({
    key: Key,
    content_encoding: IDL.Text,
    chunk_ids: IDL.Vec(ChunkId),
    last_chunk: IDL.Opt(IDL.Vec(IDL.Nat8)),
    sha256: IDL.Opt(IDL.Vec(IDL.Nat8))
});
export const UnsetAssetContentArguments = IDL.Record({ key: Key, content_encoding: IDL.Text });
export const DeleteAssetArguments = IDL.Record({ key: Key });
export const ClearArguments = IDL.Record({});
export const SetAssetPropertiesArguments = IDL.Record({
    key: Key,
    max_age: IDL.Opt(IDL.Opt(IDL.Nat64)),
    headers: IDL.Opt(IDL.Opt(IDL.Vec(HeaderField))),
    allow_raw_access: IDL.Opt(IDL.Opt(IDL.Bool)),
    is_aliased: IDL.Opt(IDL.Opt(IDL.Bool))
});
export const BatchOperationKind = IDL.Variant({
    CreateAsset: CreateAssetArguments,
    SetAssetContent: SetAssetContentArguments,
    SetAssetProperties: SetAssetPropertiesArguments,
    UnsetAssetContent: UnsetAssetContentArguments,
    DeleteAsset: DeleteAssetArguments,
    Clear: ClearArguments
});
export const CommitBatchArguments = IDL.Record({ batch_id: BatchId, operations: IDL.Vec(BatchOperationKind) });
export const CommitProposedBatchArguments = IDL.Record({ batch_id: BatchId, evidence: IDL.Vec(IDL.Nat8) });
export const ComputeEvidenceArguments = IDL.Record({ batch_id: BatchId, max_iterations: IDL.Opt(IDL.Nat16) });
export const DeleteBatchArguments = IDL.Record({ batch_id: BatchId });

export const HttpRequest = IDL.Record({
    method: IDL.Text,
    url: IDL.Text,
    headers: IDL.Vec(HeaderField),
    body: IDL.Vec(IDL.Nat8),
    certificate_version: IDL.Opt(IDL.Nat16)
});
export const StreamingCallbackToken = IDL.Record({ key: Key, content_encoding: IDL.Text, index: IDL.Nat, sha256: IDL.Opt(IDL.Vec(IDL.Nat8)) });
export const StreamingCallbackHttpResponse = IDL.Record({ body: IDL.Vec(IDL.Nat8), token: IDL.Opt(StreamingCallbackToken) });
export const StreamingCallback = IDL.Func([StreamingCallbackToken], [IDL.Opt(StreamingCallbackHttpResponse)], ['query']);
export const StreamingStrategy = IDL.Variant({ Callback: IDL.Record({ callback: StreamingCallback, token: StreamingCallbackToken }) });
export const HttpResponse = IDL.Record({
    status_code: IDL.Nat16,
    headers: IDL.Vec(HeaderField),
    body: IDL.Vec(IDL.Nat8),
    streaming_strategy: IDL.Opt(StreamingStrategy),
    upgrade: IDL.Opt(IDL.Bool)
});

export const Permission = IDL.Variant({ Commit: IDL.Null, ManagePermissions: IDL.Null, Prepare: IDL.Null });
export const GrantPermission = IDL.Record({ to_principal: IDL.Principal, permission: Permission });
export const RevokePermission = IDL.Record({ of_principal: IDL.Principal, permission: Permission });
export const ListPermitted = IDL.Record({ permission: Permission });
export const ValidationResult = IDL.Variant({ Ok: IDL.Text, Err: IDL.Text });
export const SetPermissions = IDL.Record({ prepare: IDL.Vec(IDL.Principal), commit: IDL.Vec(IDL.Principal), manage_permissions: IDL.Vec(IDL.Principal) });
export const InitArgs = IDL.Record({ set_permissions: IDL.Opt(SetPermissions) });
export const UpgradeArgs = IDL.Record({ set_permissions: IDL.Opt(SetPermissions) });
export const AssetCanisterArgs = IDL.Variant({ Init: InitArgs, Upgrade: UpgradeArgs });

export const GetArg = IDL.Record({ key: Key, accept_encodings: IDL.Vec(IDL.Text) });
export const EncodedAsset = IDL.Record({
    content: IDL.Vec(IDL.Nat8),
    content_type: IDL.Text,
    content_encoding: IDL.Text,
    sha256: IDL.Opt(IDL.Vec(IDL.Nat8)),
    total_length: IDL.Nat
});
export const GetChunkArg = IDL.Record({ key: Key, content_encoding: IDL.Text, index: IDL.Nat, sha256: IDL.Opt(IDL.Vec(IDL.Nat8)) });
export const ListRequest = IDL.Record({ start: IDL.Opt(IDL.Nat), length: IDL.Opt(IDL.Nat) });
export const AssetEncodingDetails = IDL.Record({ content_encoding: IDL.Text, sha256: IDL.Opt(IDL.Vec(IDL.Nat8)), length: IDL.Nat, modified: IDL.Int });
export const AssetDetails = IDL.Record({
    key: Key,
    content_type: IDL.Text,
    encodings: IDL.Vec(AssetEncodingDetails),
    max_age: IDL.Opt(IDL.Nat64),
    headers: IDL.Opt(IDL.Vec(HeaderField)),
    allow_raw_access: IDL.Opt(IDL.Bool),
    is_aliased: IDL.Opt(IDL.Bool)
});
export const AssetProperties = IDL.Record({
    max_age: IDL.Opt(IDL.Nat64),
    headers: IDL.Opt(IDL.Vec(HeaderField)),
    allow_raw_access: IDL.Opt(IDL.Bool),
    is_aliased: IDL.Opt(IDL.Bool)
});
export const StoreArg = IDL.Record({ key: Key, content_type: IDL.Text, content_encoding: IDL.Text, content: IDL.Vec(IDL.Nat8), sha256: IDL.Opt(IDL.Vec(IDL.Nat8)) });
export const CertifiedTree = IDL.Record({ certificate: IDL.Vec(IDL.Nat8), tree: IDL.Vec(IDL.Nat8) });
export const StateInfo = IDL.Record({ last_state_update_timestamp: IDL.Nat64, state_hash: IDL.Opt(IDL.Text) });
export const ConfigurationResponse = IDL.Record({ max_batches: IDL.Opt(IDL.Nat64), max_chunks: IDL.Opt(IDL.Nat64), max_bytes: IDL.Opt(IDL.Nat64) });
export const ConfigureArguments = IDL.Record({ max_batches: IDL.Opt(IDL.Opt(IDL.Nat64)), max_chunks: IDL.Opt(IDL.Opt(IDL.Nat64)), max_bytes: IDL.Opt(IDL.Opt(IDL.Nat64)) });
