import {
    IDL,
    init,
    isController,
    msgCaller,
    postUpgrade,
    query,
    time,
    trap,
    update,
    canisterSelf
} from 'azle';
import {
    Account,
    AllowanceArgs,
    AllowanceResult,
    ApproveArgs,
    ApproveResult,
    Fault,
    GetBlocksArgs,
    GetBlocksResult,
    InitArgs,
    Icrc3DataCertificate,
    Icrc3GetArchivesArgs,
    Icrc3GetArchivesResult,
    Icrc3GetBlocksArgs,
    Icrc3GetBlocksResult,
    Metadatum,
    SupportedBlockType,
    SupportedStandard,
    TransferArgs,
    TransferFromArgs,
    TransferFromResult,
    TransferResult,
    type CandidAccount,
    type CandidAllowanceArgs,
    type CandidAllowanceResult,
    type CandidIcrc3GetArchivesResult,
    type CandidIcrc3GetBlocksArgs,
    type CandidIcrc3GetBlocksResult,
    type CandidApproveArgs,
    type CandidApproveResult,
    type CandidMetadatum,
    type CandidSupportedStandard,
    type CandidTransferArgs,
    type CandidTransferFromArgs,
    type CandidTransferFromResult,
    type CandidTransferResult
} from './candid';
import type { CandidFault, CandidGetBlocksResult, CandidInitArgs, CandidOutAccount } from './candid_types';
import { fromCandidAccount, toCandidAccount, toCandidBlock, toCandidValue, toOpt } from './convert';
import {
    applyEffects,
    blockValue,
    isExpired,
    LEGACY_BLOCK_TYPES,
    metadata,
    mintEffects,
    SUPPORTED_STANDARDS,
    type Account as DomainAccount,
    type FaultMethod,
    type LedgerConfig
} from './domain';
import { withFaults } from './fault_injection';
import { approve, transfer, transferFrom } from './operations';
import { StableLedgerStore } from './storage';
import { certifyTip, tipCertificate } from './tip';

const MAX_BLOCKS_PER_PAGE = 1_000n;
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

export default class {
    store = new StableLedgerStore();

    @init([InitArgs])
    init(args: CandidInitArgs): void {
        const mintingAccount = validAccount(args.minting_account);
        this.store.setConfig({
            name: args.token_name,
            symbol: args.token_symbol,
            decimals: args.decimals,
            fee: args.transfer_fee,
            minBurnAmount: args.min_burn_amount[0] ?? args.transfer_fee,
            mintingAccount,
            allowFaults: args.allow_faults[0] ?? false,
            archive: archiveConfig(args.archive_options[0])
        });
        for (const [account, amount] of args.initial_balances) {
            applyEffects(this.store, mintEffects(validAccount(account), amount), time());
        }
        certifyTip(this.store);
    }

    /** State lives in stable maps. Azle wants init's signature here; the argument is ignored. */
    @postUpgrade([InitArgs], { manual: true })
    postUpgrade(): void {
        certifyTip(this.store);
    }

    @update([TransferArgs], TransferResult)
    async icrc1_transfer(args: CandidTransferArgs): Promise<CandidTransferResult> {
        const caller = msgCaller();
        return withFaults(this.store, 'icrc1_transfer', () =>
            transfer(this.store, caller, args, time())
        );
    }

    @update([ApproveArgs], ApproveResult)
    async icrc2_approve(args: CandidApproveArgs): Promise<CandidApproveResult> {
        const caller = msgCaller();
        return withFaults(this.store, 'icrc2_approve', () =>
            approve(this.store, caller, args, time())
        );
    }

    @update([TransferFromArgs], TransferFromResult)
    async icrc2_transfer_from(args: CandidTransferFromArgs): Promise<CandidTransferFromResult> {
        const caller = msgCaller();
        return withFaults(this.store, 'icrc2_transfer_from', () =>
            transferFrom(this.store, caller, args, time())
        );
    }

    @query([Account], IDL.Nat)
    icrc1_balance_of(account: CandidAccount): bigint {
        return this.store.balanceOf(validAccount(account));
    }

    @query([AllowanceArgs], AllowanceResult)
    icrc2_allowance(args: CandidAllowanceArgs): CandidAllowanceResult {
        const stored = this.store.allowance(validAccount(args.account), validAccount(args.spender));
        if (stored === undefined || isExpired(stored, time())) return { allowance: 0n, expires_at: [] };
        return { allowance: stored.amount, expires_at: toOpt(stored.expiresAt) };
    }

    @query([], IDL.Nat)
    icrc1_fee(): bigint {
        return this.store.config.fee;
    }

    @query([], IDL.Vec(Metadatum))
    icrc1_metadata(): CandidMetadatum[] {
        return metadata(this.store.config);
    }

    @query([], IDL.Text)
    icrc1_name(): string {
        return this.store.config.name;
    }

    @query([], IDL.Text)
    icrc1_symbol(): string {
        return this.store.config.symbol;
    }

    @query([], IDL.Nat8)
    icrc1_decimals(): number {
        return this.store.config.decimals;
    }

    @query([], IDL.Nat)
    icrc1_total_supply(): bigint {
        return this.store.totalSupply();
    }

    @query([], IDL.Opt(Account))
    icrc1_minting_account(): [] | [CandidOutAccount] {
        return [toCandidAccount(this.store.config.mintingAccount)];
    }

    @query([], IDL.Vec(SupportedStandard))
    icrc1_supported_standards(): CandidSupportedStandard[] {
        return SUPPORTED_STANDARDS;
    }

    /** The block log, oldest first; a page holds at most 1000 blocks. */
    @query([GetBlocksArgs], GetBlocksResult)
    get_blocks(args: { start: bigint; length: bigint }): CandidGetBlocksResult {
        const logLength = this.store.blockCount();
        const length = args.length < MAX_BLOCKS_PER_PAGE ? args.length : MAX_BLOCKS_PER_PAGE;
        const end = args.start + length < logLength ? args.start + length : logLength;
        const blocks = [];
        for (let index = args.start; index < end; index++) {
            const block = this.store.block(index);
            if (block !== undefined) blocks.push(toCandidBlock(block));
        }
        return { log_length: logLength, blocks };
    }

    /**
     * ICRC-3: the requested ranges, in order, as generic Values linked by `phash`; at most 1000
     * blocks in all, the rest of a range cut off (the caller asks again from where it stopped).
     * As the reference ledgers do, blocks moved to the archive are not served here: their part
     * of a range comes back in `archived_blocks`, with the archive's method to call for them.
     */
    @query([Icrc3GetBlocksArgs], Icrc3GetBlocksResult)
    icrc3_get_blocks(ranges: CandidIcrc3GetBlocksArgs): CandidIcrc3GetBlocksResult {
        const first = this.store.firstLocalBlock();
        const archived = ranges.filter((r) => r.start < first).map((r) => ({ start: r.start, length: min(r.start + r.length, first) - r.start }));
        const local = ranges.filter((r) => r.start + r.length > first).map((r) => ({ start: max(r.start, first), length: r.start + r.length - max(r.start, first) }));
        return {
            log_length: this.store.blockCount(),
            blocks: this.blocksIn(local, this.store.blockCount()),
            archived_blocks: archived.length === 0 ? [] : [{ args: archived, callback: [canisterSelf(), 'archive_icrc3_get_blocks'] }]
        };
    }

    /**
     * The archive's `icrc3_get_blocks`: archived blocks only. The reference ledgers spawn archive
     * canisters; this one keeps its archive in its own memory and serves it under this method, so a
     * client follows `archived_blocks` callbacks exactly as it would in production.
     */
    @query([Icrc3GetBlocksArgs], Icrc3GetBlocksResult)
    archive_icrc3_get_blocks(ranges: CandidIcrc3GetBlocksArgs): CandidIcrc3GetBlocksResult {
        return { log_length: this.store.blockCount(), blocks: this.blocksIn(ranges, this.store.firstLocalBlock()), archived_blocks: [] };
    }

    private blocksIn(ranges: CandidIcrc3GetBlocksArgs, below: bigint): CandidIcrc3GetBlocksResult['blocks'] {
        const blocks: CandidIcrc3GetBlocksResult['blocks'] = [];
        let budget = MAX_BLOCKS_PER_PAGE;
        for (const { start, length } of ranges) {
            const end = min(start + min(length, budget), below);
            let parent = start === 0n ? null : (this.store.block(start - 1n)?.hash ?? null);
            for (let id = start; id < end; id++) {
                const block = this.store.block(id);
                if (block === undefined) break;
                blocks.push({ id, block: toCandidValue(blockValue(block, parent)) });
                parent = block.hash;
                budget--;
            }
            if (budget === 0n) break;
        }
        return blocks;
    }

    /** The last block's index and hash, certified by the IC (none in a replicated call). */
    @query([], IDL.Opt(Icrc3DataCertificate))
    icrc3_get_tip_certificate(): [] | [{ certificate: Uint8Array; hash_tree: Uint8Array }] {
        return tipCertificate(this.store);
    }

    @query([Icrc3GetArchivesArgs], Icrc3GetArchivesResult)
    icrc3_get_archives(_args: { from: [] | [unknown] }): CandidIcrc3GetArchivesResult {
        const first = this.store.firstLocalBlock();
        return first === 0n ? [] : [{ canister_id: canisterSelf(), start: 0n, end: first - 1n }];
    }

    @query([], IDL.Vec(SupportedBlockType))
    icrc3_supported_block_types(): { block_type: string; url: string }[] {
        const url = 'https://github.com/dfinity/ICRC-1/tree/main/standards/ICRC-3';
        return LEGACY_BLOCK_TYPES.map((block_type) => ({ block_type, url }));
    }

    @update([Fault])
    set_fault(fault: CandidFault): void {
        this.requireFaultControl();
        this.store.armFault(faultMethod(fault.method), fault.kind, fault.count);
    }

    @update([])
    clear_faults(): void {
        this.requireFaultControl();
        this.store.clearFaults();
    }

    @query([], IDL.Vec(Fault))
    get_faults(): CandidFault[] {
        return this.store.armedFaults().map(([method, armed]) => ({
            method: { [method]: null } as CandidFault['method'],
            kind: armed.kind,
            count: armed.remaining
        }));
    }

    /** The await target that commits an injected fault's changes before it traps (COMMIT_POINT_METHOD). */
    @update([], undefined, { hidden: true })
    fault_commit_point(): void {
        if (msgCaller().compareTo(canisterSelf()) !== 'eq') trap('only the ledger itself calls this');
    }

    private requireFaultControl(): void {
        if (!this.store.config.allowFaults) trap('fault injection is disabled (init allow_faults)');
        if (!isController(msgCaller())) trap('only a controller can inject faults');
    }
}

function archiveConfig(o: { trigger_threshold: bigint; num_blocks_to_archive: bigint } | undefined): LedgerConfig['archive'] {
    if (o === undefined) return null;
    if (o.num_blocks_to_archive === 0n || o.num_blocks_to_archive > o.trigger_threshold) trap('archive_options: num_blocks_to_archive must be from 1 to trigger_threshold');
    return { threshold: o.trigger_threshold, batch: o.num_blocks_to_archive };
}

function validAccount(account: CandidAccount): DomainAccount {
    const parsed = fromCandidAccount(account);
    if ('Err' in parsed) trap(parsed.Err.GenericError.message);
    return parsed.Ok;
}

function faultMethod(method: CandidFault['method']): FaultMethod {
    const name = Object.keys(method)[0];
    if (name === undefined) trap('a fault needs a method');
    return name as FaultMethod;
}
