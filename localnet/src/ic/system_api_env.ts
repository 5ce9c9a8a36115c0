// ic0 imports about the environment: root key, subnet, the cost_* fees (mainnet, 13-node
// application subnet) and the canister's environment variables.
import { CanisterTrap } from './execution.js';
import type { Ic0, MemoryAccess, N, SystemApiHost } from './system_api_memory.js';
import { trap, u } from './system_api_memory.js';

const CREATE_CANISTER_FEE = 500_000_000_000n;
const SUBNET_SIZE = 13n;
export const MAX_ENV_VAR_NAME_BYTES = 128;
const THRESHOLD_KEY_FEES: Record<string, bigint> = { key_1: 26_153_846_153n, test_key_1: 10_000_000_000n, dfx_test_key: 10_000_000_000n };

export function envImports(host: SystemApiHost, { view, copyOut, writeU128 }: MemoryAccess): Ic0 {
    const dec = new TextDecoder();
    const enc = new TextEncoder();
    function thresholdCost(src: N, size: N, knownAlgorithm: boolean, dst: N): number {
        if (!knownAlgorithm) return 1;
        const fee = THRESHOLD_KEY_FEES[dec.decode(view(src, size))];
        if (fee === undefined) return 2;
        writeU128(dst, fee);
        return 0;
    }

    function envVars(): { name: string; value: string }[] {
        return host.canister.settings.environmentVariables;
    }

    function envVarAt(name: string, index: N): { name: string; value: string } {
        const v = envVars()[u(index)];
        if (v === undefined) trap(`${name}: Variable index out of bounds.`);
        return v;
    }

    function envVarNamed(fn: string, src: N, size: N, mustExist: boolean): { name: string; value: string } | undefined {
        if (u(size) > MAX_ENV_VAR_NAME_BYTES) trap(`${fn}: Variable name is too large.`);
        let name: string;
        try {
            name = new TextDecoder('utf-8', { fatal: true }).decode(view(src, size));
        } catch (err) {
            if (err instanceof CanisterTrap) throw err;
            trap(`${fn}: Variable name is not a valid UTF-8 string.`);
        }
        const v = envVars().find((x) => x.name === name);
        if (v === undefined && mustExist) trap(`${fn}: Variable name not found.`);
        return v;
    }

    return {
        msg_deadline: (): bigint => host.current().deadline,
        root_key_size: (): number => host.rootKey().length,
        root_key_copy: (dst: N, off: N, size: N): void => copyOut('ic0_root_key_copy', host.rootKey(), dst, off, size),
        subnet_self_size: (): number => host.subnetId().length,
        subnet_self_copy: (dst: N, off: N, size: N): void => copyOut('ic0_subnet_self_copy', host.subnetId(), dst, off, size),
        cost_create_canister: (dst: N): void => writeU128(dst, CREATE_CANISTER_FEE),
        cost_http_request: (requestSize: N, maxResponseBytes: N, dst: N): void => {
            const n = SUBNET_SIZE;
            const base = (3_000_000n + 60_000n * n) * n;
            writeU128(dst, base + 400n * n * BigInt.asUintN(64, BigInt(requestSize)) + 800n * n * BigInt.asUintN(64, BigInt(maxResponseBytes)));
        },
        cost_sign_with_ecdsa: (src: N, size: N, curve: N, dst: N): number => thresholdCost(src, size, u(curve) === 0, dst),
        cost_sign_with_schnorr: (src: N, size: N, algorithm: N, dst: N): number => thresholdCost(src, size, u(algorithm) <= 1, dst),
        cost_vetkd_derive_key: (src: N, size: N, curve: N, dst: N): number => thresholdCost(src, size, u(curve) === 0, dst),
        env_var_count: (): number => envVars().length,
        env_var_name_size: (index: N): number => enc.encode(envVarAt('ic0_env_var_name_size', index).name).length,
        env_var_name_copy: (index: N, dst: N, off: N, size: N): void =>
            copyOut('ic0_env_var_name_copy', enc.encode(envVarAt('ic0_env_var_name_copy', index).name), dst, off, size),
        env_var_name_exists: (src: N, size: N): number => (envVarNamed('ic0_env_var_name_exists', src, size, false) === undefined ? 0 : 1),
        env_var_value_size: (src: N, size: N): number => enc.encode(envVarNamed('ic0_env_var_value_size', src, size, true)!.value).length,
        env_var_value_copy: (src: N, size: N, dst: N, off: N, copySize: N): void =>
            copyOut('ic0_env_var_value_copy', enc.encode(envVarNamed('ic0_env_var_value_copy', src, size, true)!.value), dst, off, copySize)
    };
}
