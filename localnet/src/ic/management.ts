// The management canister `aaaaa-aa`: Candid in and out as the IC interface spec defines (types
// from azle's management IDL). Requests are executed when dequeued, like any message.
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

import {
    canister_status_args,
    canister_status_result,
    create_canister_args,
    create_canister_result,
    delete_canister_args,
    deposit_cycles_args,
    install_code_args,
    provisional_create_canister_with_cycles_args,
    provisional_create_canister_with_cycles_result,
    provisional_top_up_canister_args,
    raw_rand_result,
    start_canister_args,
    stop_canister_args,
    uninstall_code_args,
    update_settings_args
} from 'azle/canisters/management/idl';

import { RejectCode } from '../types.js';
import { RejectError, reject } from './errors.js';
import { MANAGEMENT_CANISTER_ID } from './ids.js';
import type { LocalIcImpl } from './local_ic.js';
import type { Canister, Message, Response } from './state.js';

type Request = Extract<Message, { kind: 'request' }>;

interface Settings {
    controllers: [] | [Principal[]];
}

const PRIVILEGED = new Set([
    'install_code',
    'uninstall_code',
    'canister_status',
    'update_settings',
    'stop_canister',
    'start_canister',
    'delete_canister'
]);

export class ManagementCanister {
    constructor(private readonly ic: LocalIcImpl) {}

    handle(m: Request): void {
        let response: Response | 'deferred';
        let refund = m.cycles;
        try {
            const r = this.dispatch(m);
            response = r.response;
            refund = m.cycles - r.accepted;
        } catch (e) {
            if (e instanceof RejectError) response = e.toResponse();
            else throw e;
        }
        if (response !== 'deferred') this.ic.route(m.origin, MANAGEMENT_CANISTER_ID, response, refund, this.instructions(m));
    }

    private instructions(m: Request): bigint {
        return m.method === 'install_code' ? this.ic.lastInstallInstructions : 0n;
    }

    private target(m: Request, id: Principal): Canister {
        const c = this.ic.canister(id);
        if (!c) throw new RejectError(RejectCode.DestinationInvalid, 'IC0301', `Canister ${id.toText()} not found`);
        if (PRIVILEGED.has(m.method) && !c.isController(m.from)) {
            throw new RejectError(
                RejectCode.CanisterError,
                'IC0512',
                `Only controllers of canister ${id.toText()} can call ic00 method ${m.method}`
            );
        }
        return c;
    }

    private dispatch(m: Request): { response: Response | 'deferred'; accepted: bigint } {
        const ok = (types: IDL.Type[], values: unknown[]): { response: Response; accepted: bigint } => ({
            response: { kind: 'reply', data: new Uint8Array(IDL.encode(types, values)) },
            accepted: 0n
        });
        switch (m.method) {
            case 'provisional_create_canister_with_cycles': {
                const a = decode<{ settings: [] | [Settings]; specified_id: [] | [Principal]; amount: [] | [bigint] }>(
                    provisional_create_canister_with_cycles_args,
                    m
                );
                const controllers = a.settings[0]?.controllers[0] ?? [m.from];
                const cycles = a.amount[0] ?? 100_000_000_000_000n;
                const c = this.ic.createCanisterNow(controllers, cycles + m.cycles, a.specified_id[0]);
                return {
                    ...ok([provisional_create_canister_with_cycles_result], [{ canister_id: c.id }]),
                    accepted: m.cycles
                };
            }
            case 'create_canister': {
                const a = decode<{ settings: [] | [Settings] }>(create_canister_args, m);
                const controllers = a.settings[0]?.controllers[0] ?? [m.from];
                const c = this.ic.createCanisterNow(controllers, m.cycles);
                return { ...ok([create_canister_result], [{ canister_id: c.id }]), accepted: m.cycles };
            }
            case 'install_code': {
                const a = decode<{
                    arg: Uint8Array;
                    wasm_module: Uint8Array;
                    mode: { install: null } | { reinstall: null } | { upgrade: [] | [{ skip_pre_upgrade: [] | [boolean] }] };
                    canister_id: Principal;
                }>(install_code_args, m);
                const c = this.target(m, a.canister_id);
                const mode = 'install' in a.mode ? 'install' : 'reinstall' in a.mode ? 'reinstall' : 'upgrade';
                const skip = 'upgrade' in a.mode ? (a.mode.upgrade[0]?.skip_pre_upgrade[0] ?? false) : false;
                this.ic.installCode(c, m.from, mode, Uint8Array.from(a.wasm_module), Uint8Array.from(a.arg), skip);
                return ok([], []);
            }
            case 'uninstall_code': {
                const a = decode<{ canister_id: Principal }>(uninstall_code_args, m);
                this.ic.uninstallCode(this.target(m, a.canister_id));
                return ok([], []);
            }
            case 'canister_status': {
                const a = decode<{ canister_id: Principal }>(canister_status_args, m);
                const c = this.target(m, a.canister_id);
                return ok(
                    [canister_status_result],
                    [
                        {
                            status: { [c.status]: null },
                            memory_size: c.memorySize,
                            cycles: c.cycles,
                            settings: {
                                freezing_threshold: 2_592_000n,
                                controllers: c.controllers,
                                reserved_cycles_limit: 5_000_000_000_000n,
                                log_visibility: { controllers: null },
                                wasm_memory_limit: 3n * 1024n * 1024n * 1024n,
                                memory_allocation: 0n,
                                compute_allocation: 0n
                            },
                            query_stats: {
                                response_payload_bytes_total: 0n,
                                num_instructions_total: 0n,
                                num_calls_total: 0n,
                                request_payload_bytes_total: 0n
                            },
                            idle_cycles_burned_per_day: 0n,
                            module_hash: c.module ? [c.module.hash] : [],
                            reserved_cycles: 0n
                        }
                    ]
                );
            }
            case 'update_settings': {
                const a = decode<{ canister_id: Principal; settings: Settings }>(update_settings_args, m);
                const c = this.target(m, a.canister_id);
                const controllers = a.settings.controllers[0];
                if (controllers) {
                    if (controllers.length > 10) {
                        throw new RejectError(RejectCode.CanisterReject, 'IC0408', 'A canister can have at most 10 controllers');
                    }
                    c.controllers = controllers;
                }
                c.version++;
                c.dirty = true;
                return ok([], []);
            }
            case 'stop_canister': {
                const a = decode<{ canister_id: Principal }>(stop_canister_args, m);
                const c = this.target(m, a.canister_id);
                if (c.status === 'stopped') return ok([], []);
                c.status = 'stopping';
                c.pendingStops.push(m.origin);
                c.dirty = true;
                this.ic.checkStopped(c);
                return { response: 'deferred', accepted: 0n };
            }
            case 'start_canister': {
                const a = decode<{ canister_id: Principal }>(start_canister_args, m);
                const c = this.target(m, a.canister_id);
                if (c.status === 'stopping') {
                    for (const origin of c.pendingStops.splice(0)) {
                        this.ic.route(
                            origin,
                            MANAGEMENT_CANISTER_ID,
                            reject(RejectCode.CanisterError, 'IC0511', `Canister ${c.id.toText()}'s stop request was cancelled.`),
                            0n,
                            0n
                        );
                    }
                }
                c.status = 'running';
                c.dirty = true;
                return ok([], []);
            }
            case 'delete_canister': {
                const a = decode<{ canister_id: Principal }>(delete_canister_args, m);
                const c = this.target(m, a.canister_id);
                if (c.id.toText() === m.from.toText()) {
                    throw new RejectError(RejectCode.CanisterError, 'IC0510', `Canister ${c.id.toText()} cannot delete itself.`);
                }
                if (c.status !== 'stopped') {
                    throw new RejectError(
                        RejectCode.CanisterError,
                        'IC0510',
                        `Canister ${c.id.toText()} must be stopped before it is deleted.`
                    );
                }
                this.ic.deleteCanisterNow(c);
                return ok([], []);
            }
            case 'deposit_cycles': {
                const a = decode<{ canister_id: Principal }>(deposit_cycles_args, m);
                const c = this.target(m, a.canister_id);
                c.cycles += m.cycles;
                c.dirty = true;
                return { ...ok([], []), accepted: m.cycles };
            }
            case 'provisional_top_up_canister': {
                const a = decode<{ canister_id: Principal; amount: bigint }>(provisional_top_up_canister_args, m);
                const c = this.target(m, a.canister_id);
                c.cycles += a.amount;
                c.dirty = true;
                return ok([], []);
            }
            case 'raw_rand':
                decodeEmpty(m);
                return ok([raw_rand_result], [this.ic.nextRandom()]);
            default:
                throw new RejectError(
                    RejectCode.CanisterReject,
                    'IC0407',
                    `Management canister has no method '${m.method}'`
                );
        }
    }
}

function decode<T>(type: IDL.Type, m: Request): T {
    try {
        const [value] = IDL.decode([type], m.arg);
        return value as T;
    } catch (e) {
        throw new RejectError(
            RejectCode.CanisterReject,
            'IC0408',
            `Error decoding candid for ic00 method ${m.method}: ${(e as Error).message}`
        );
    }
}

function decodeEmpty(m: Request): void {
    if (m.arg.length === 0) return;
    try {
        IDL.decode([], m.arg);
    } catch (e) {
        throw new RejectError(RejectCode.CanisterReject, 'IC0408', `Error decoding candid for ic00 method ${m.method}: ${(e as Error).message}`);
    }
}
