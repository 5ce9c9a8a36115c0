// Cycles the IC charges (mainnet fees of a 13-node application subnet), for the 'normal' cost
// schedule: message execution and idle memory over time. The 'free' schedule charges nothing.
export type CostSchedule = 'free' | 'normal';

const UPDATE_EXECUTION_FEE = 5_000_000n;
/** 0.4 cycles per instruction. */
const INSTRUCTION_FEE_NUM = 4n;
const INSTRUCTION_FEE_DEN = 10n;
/** Cycles per GiB of memory per second. */
const GIB_SECOND_FEE = 127_000n;
const GIB = 1024n * 1024n * 1024n;

export function executionFee(instructions: bigint): bigint {
    return UPDATE_EXECUTION_FEE + (instructions * INSTRUCTION_FEE_NUM) / INSTRUCTION_FEE_DEN;
}

/** Idle fee of `bytes` of memory held for `ns` nanoseconds. */
export function memoryFee(bytes: bigint, ns: bigint): bigint {
    return (bytes * GIB_SECOND_FEE * ns) / (GIB * 1_000_000_000n);
}
