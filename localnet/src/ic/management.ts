// The management canister `aaaaa-aa`: Candid in and out as the IC interface spec defines (types
// from azle's management IDL). Requests are executed when dequeued, like any message.
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

import {
    canister_status_args,
    clear_chunk_store_args,
    install_chunked_code_args,
    stored_chunks_args,
    stored_chunks_result,
    upload_chunk_args,
    upload_chunk_result,
    create_canister_result,
    delete_canister_args,
    deposit_cycles_args,
    install_code_args,
    provisional_create_canister_with_cycles_result,
    provisional_top_up_canister_args,
    raw_rand_result,
    start_canister_args,
    stop_canister_args,
    uninstall_code_args
} from 'azle/canisters/management/idl';

import { RejectCode } from '../types.js';
import { RejectError, reject } from './errors.js';
import { MANAGEMENT_CANISTER_ID, hex } from './ids.js';
import { sha256 } from './module.js';
import type { ManagementHost, Request } from './host.js';
import {
    create_canister_args,
    provisional_create_canister_with_cycles_args,
    update_settings_args,
    type SettingsArg
} from './management_idl.js';
import { decode, decodeEmpty } from './management_decode.js';
import { canisterStatus, statusVisible } from './management_status.js';
import { mergeSettings } from './settings.js';
import { defaultSettings, type Canister, type Response } from './state.js';


const PRIVILEGED = new Set([
    'install_code',
    'install_chunked_code',
    'upload_chunk',
    'clear_chunk_store',
    'stored_chunks',
    'uninstall_code',
    'canister_status',
    'update_settings',
    'stop_canister',
    'start_canister',
    'delete_canister'
]);

export class ManagementCanister {
    /** Instructions of the last install_code (init or pre+post upgrade). */
    lastInstallInstructions = 0n;

    constructor(private readonly ic: ManagementHost) {}

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
        return m.method === 'install_code' || m.method === 'install_chunked_code' ? this.lastInstallInstructions : 0n;
    }

    /** A new canister with `settings` (checked first: a bad setting creates nothing). */
    private create(m: Request, settings: SettingsArg | undefined, cycles: bigint, specifiedId?: Principal): Canister {
        const merged = settings ? mergeSettings(defaultSettings(), settings) : null;
        const c = this.ic.createCanisterNow(merged?.controllers ?? [m.from], cycles, specifiedId);
        if (merged) c.settings = merged.settings;
        return c;
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
                const a = decode<{ settings: [] | [SettingsArg]; specified_id: [] | [Principal]; amount: [] | [bigint] }>(
                    provisional_create_canister_with_cycles_args,
                    m
                );
                const cycles = a.amount[0] ?? 100_000_000_000_000n;
                const c = this.create(m, a.settings[0], cycles + m.cycles, a.specified_id[0]);
                return {
                    ...ok([provisional_create_canister_with_cycles_result], [{ canister_id: c.id }]),
                    accepted: m.cycles
                };
            }
            case 'create_canister': {
                const a = decode<{ settings: [] | [SettingsArg] }>(create_canister_args, m);
                const c = this.create(m, a.settings[0], m.cycles);
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
                this.lastInstallInstructions = this.ic.installCode(c, m.from, mode, Uint8Array.from(a.wasm_module), Uint8Array.from(a.arg), skip);
                return ok([], []);
            }
            case 'upload_chunk': {
                const a = decode<{ canister_id: Principal; chunk: Uint8Array }>(upload_chunk_args, m);
                const c = this.target(m, a.canister_id);
                const chunk = Uint8Array.from(a.chunk);
                if (chunk.length > 1024 * 1024) {
                    throw new RejectError(RejectCode.CanisterReject, 'IC0408', 'Wasm chunk size exceeds the maximum of 1048576 bytes');
                }
                if (c.chunks.size >= 100_000) {
                    throw new RejectError(RejectCode.CanisterError, 'IC0539', 'Wasm chunk store is full');
                }
                const hash = sha256(chunk);
                c.chunks.set(hex(hash), chunk);
                return ok([upload_chunk_result], [{ hash }]);
            }
            case 'stored_chunks': {
                const a = decode<{ canister_id: Principal }>(stored_chunks_args, m);
                const c = this.target(m, a.canister_id);
                const hashes = [...c.chunks.keys()].map((h) => ({ hash: new Uint8Array(Buffer.from(h, 'hex')) }));
                return ok([stored_chunks_result], [hashes]);
            }
            case 'clear_chunk_store': {
                const a = decode<{ canister_id: Principal }>(clear_chunk_store_args, m);
                this.target(m, a.canister_id).chunks.clear();
                return ok([], []);
            }
            case 'install_chunked_code': {
                const a = decode<{
                    arg: Uint8Array;
                    wasm_module_hash: Uint8Array;
                    mode: { install: null } | { reinstall: null } | { upgrade: [] | [{ skip_pre_upgrade: [] | [boolean] }] };
                    chunk_hashes_list: { hash: Uint8Array }[];
                    target_canister: Principal;
                    store_canister: [] | [Principal];
                }>(install_chunked_code_args, m);
                const target = this.target(m, a.target_canister);
                const store = a.store_canister[0] ? this.target(m, a.store_canister[0]) : target;
                const parts = a.chunk_hashes_list.map(({ hash }) => {
                    const chunk = store.chunks.get(hex(Uint8Array.from(hash)));
                    if (!chunk) {
                        throw new RejectError(RejectCode.CanisterError, 'IC0539', `Chunk ${hex(Uint8Array.from(hash))} is not in the chunk store`);
                    }
                    return chunk;
                });
                const wasm = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
                let offset = 0;
                for (const part of parts) {
                    wasm.set(part, offset);
                    offset += part.length;
                }
                if (hex(sha256(wasm)) !== hex(Uint8Array.from(a.wasm_module_hash))) {
                    throw new RejectError(RejectCode.CanisterError, 'IC0539', 'Wasm module hash does not match the hash of the assembled chunks');
                }
                const mode = 'install' in a.mode ? 'install' : 'reinstall' in a.mode ? 'reinstall' : 'upgrade';
                const skip = 'upgrade' in a.mode ? (a.mode.upgrade[0]?.skip_pre_upgrade[0] ?? false) : false;
                this.lastInstallInstructions = this.ic.installCode(target, m.from, mode, wasm, Uint8Array.from(a.arg), skip);
                return ok([], []);
            }
            case 'uninstall_code': {
                const a = decode<{ canister_id: Principal }>(uninstall_code_args, m);
                this.ic.uninstallCode(this.target(m, a.canister_id));
                return ok([], []);
            }
            case 'canister_status': {
                const a = decode<{ canister_id: Principal }>(canister_status_args, m);
                const c = this.ic.canister(a.canister_id);
                if (c && statusVisible(c, m.from)) return { response: canisterStatus(c), accepted: 0n };
                return { response: canisterStatus(this.target(m, a.canister_id)), accepted: 0n };
            }
            case 'update_settings': {
                const a = decode<{ canister_id: Principal; settings: SettingsArg }>(update_settings_args, m);
                const c = this.target(m, a.canister_id);
                const next = mergeSettings(c.settings, a.settings);
                c.settings = next.settings;
                if (next.controllers) c.controllers = next.controllers;
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
