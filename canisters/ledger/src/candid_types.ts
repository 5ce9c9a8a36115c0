import type { Principal } from '@dfinity/principal';
import type { CandidAccount } from './candid';
import type { FaultKind, FaultMethod } from './domain';

export interface CandidInitArgs {
    token_name: string;
    token_symbol: string;
    decimals: number;
    transfer_fee: bigint;
    minting_account: CandidAccount;
    initial_balances: [CandidAccount, bigint][];
    min_burn_amount: [] | [bigint];
    allow_faults: [] | [boolean];
    archive_options: [] | [{ trigger_threshold: bigint; num_blocks_to_archive: bigint }];
}

export interface CandidOutAccount {
    owner: Principal;
    subaccount: [] | [Uint8Array];
}

export type CandidOperation =
    | { Mint: { to: CandidOutAccount; amount: bigint } }
    | { Burn: { from: CandidOutAccount; spender: [] | [CandidOutAccount]; amount: bigint } }
    | {
          Transfer: {
              from: CandidOutAccount;
              to: CandidOutAccount;
              spender: [] | [CandidOutAccount];
              amount: bigint;
              fee: bigint;
          };
      }
    | {
          Approve: {
              from: CandidOutAccount;
              spender: CandidOutAccount;
              amount: bigint;
              expected_allowance: [] | [bigint];
              expires_at: [] | [bigint];
              fee: bigint;
          };
      };

export interface CandidBlock {
    index: bigint;
    timestamp: bigint;
    created_at_time: [] | [bigint];
    memo: [] | [Uint8Array];
    operation: CandidOperation;
}

export interface CandidGetBlocksResult {
    log_length: bigint;
    blocks: CandidBlock[];
}

export interface CandidFault {
    method: { [M in FaultMethod]: { [K in M]: null } }[FaultMethod];
    kind: FaultKind;
    count: number;
}
