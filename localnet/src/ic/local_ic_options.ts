// The IC core's options and defaults (the types half of the facade / engine / router split).
import type { Certifier, INSTRUCTION_LIMITS } from '../types.js';
import type { CostSchedule } from './fees.js';
import type { Instrumenter } from './module.js';

export interface LocalIcOptions {
    /** 'manual' (default: tests; starts at `startTimeNs`) or 'wall' (server: wall clock + offset). */
    clock?: 'manual' | 'wall';
    startTimeNs?: bigint;
    /** Instrument modules to count instructions (default: on when an instrumenter is available). */
    metering?: boolean;
    /** Overrides the instrumenter (default: localnet/src/wasm/instrument.ts when present). */
    instrumenter?: Instrumenter | null;
    certifier?: Certifier;
    /** Seed of `raw_rand` (deterministic). Default: fixed. */
    seed?: string;
    /** Also print canister debug output to stdout (default: env LOCALNET_DEBUG_PRINT=1). */
    debugPrintToStdout?: boolean;
    /** Lower (or raise) the per-message instruction limits, e.g. to test a budget. Default: the IC's. */
    instructionLimits?: Partial<Record<keyof typeof INSTRUCTION_LIMITS, bigint>>;
    /** 'normal' charges execution and idle memory like the IC (PocketIC's default); default 'free'. */
    costSchedule?: CostSchedule;
    /** Also run the cycles minting canister and the cycles ledger at their mainnet ids (src/ic/system/); the server does. */
    systemCanisters?: boolean;
}

export const DEFAULT_PROVISIONAL_CYCLES = 100_000_000_000_000n;
