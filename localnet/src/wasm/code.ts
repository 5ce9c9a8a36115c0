import { ByteReader, ByteWriter, encodeU32 } from './bytes.js';
import { I64, LOCAL_GET, LOCAL_SET, LOCAL_TEE, GLOBAL_GET, GLOBAL_SET, I64_CONST, I64_ADD, I64_GT_U, IF, EMPTY, CALL, END, memarg, skipImmediates, unsupported } from './immediates.js';
import { skipValType, type FuncIndexMap } from './types.js';

/** Where the injected code lives in the instrumented module's index spaces. */
export interface MeteringIndices {
    counterGlobal: number;
    limitGlobal: number;
    outOfInstructionsFunc: number;
    mapFunc: FuncIndexMap;
}

const enum Edit {
    Charge, // arg: cost
    FuncIndex, // arg: new index, len: bytes replaced
    LocalGroups, // arg: new number of local groups, len: bytes replaced
    LocalDecl,
    Entry,
    EntryCheck,
    LoopCheck,
    Flush,
    Reload
}

/** Insertions and replacements for one function body, in increasing input position. */
class Edits {
    count = 0;
    pos = new Int32Array(1024);
    kind = new Uint8Array(1024);
    arg = new Int32Array(1024);
    len = new Uint8Array(1024);

    add(kind: Edit, pos: number, arg = 0, len = 0): number {
        if (this.count === this.pos.length) this.grow();
        const i = this.count++;
        this.pos[i] = pos;
        this.kind[i] = kind;
        this.arg[i] = arg;
        this.len[i] = len;
        return i;
    }

    private grow(): void {
        const n = this.pos.length * 2;
        const widen = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
        this.pos = widen(this.pos, new Int32Array(n));
        this.kind = widen(this.kind, new Uint8Array(n));
        this.arg = widen(this.arg, new Int32Array(n));
        this.len = widen(this.len, new Uint8Array(n));
    }

    clear(): void {
        this.count = 0;
    }
}


/**
 * Instruments function bodies.
 *
 * Counting rule: every executed instruction costs 1, except the structural markers `block`, `loop`,
 * `else` and `end`, which cost 0. Code is cut into straight-line segments that end at a structural
 * marker or after a branch or call, and each segment's cost is added when it is entered: the count
 * is exact at every call (what `performance_counter` sees) and at the end of every message.
 *
 * The running count lives in a new i64 local (a register, not memory) and is stored to the counter
 * global before anything that can leave the function or look at the global: calls, returns,
 * branches out of the function, `unreachable`, and the limit check. It is reloaded after calls.
 * The limit is checked at loop headers and at the entry of functions that call module code (a
 * function without such calls cannot recurse).
 */
export class BodyInstrumenter {
    private readonly edits = new Edits();
    private readonly scratch = new ByteWriter(1 << 16);
    private readonly counter: Uint8Array;
    private readonly limit: Uint8Array;
    private readonly outOfInstructions: Uint8Array;
    private r = new ByteReader(new Uint8Array(0));
    private local: Uint8Array = new Uint8Array(0);
    private depth = 0;
    private chargeEdit = -1;
    private dead = false;
    private callsModuleCode = false;

    constructor(private readonly ix: MeteringIndices) {
        this.counter = encodeU32(ix.counterGlobal);
        this.limit = encodeU32(ix.limitGlobal);
        this.outOfInstructions = encodeU32(ix.outOfInstructionsFunc);
    }

    /** Instruments the body at bytes[start, end) (locals + code) and appends it, size-prefixed, to `out`. */
    instrument(bytes: Uint8Array, start: number, end: number, paramCount: number, out: ByteWriter): void {
        this.edits.clear();
        this.r = new ByteReader(bytes, start, end);
        this.local = encodeU32(paramCount + this.addLocal());
        const entry = this.edits.add(Edit.Entry, this.r.pos);
        this.depth = 0;
        this.callsModuleCode = false;
        this.newSegment(false);
        while (!this.r.done) this.instruction();
        if (this.callsModuleCode) this.edits.kind[entry] = Edit.EntryCheck;
        out.sized(this.emit(bytes, start, end));
    }

    /** Declares the counter local after the existing ones; returns the number of existing locals. */
    private addLocal(): number {
        const r = this.r;
        const groupsAt = r.pos;
        const groups = r.u32();
        this.edits.add(Edit.LocalGroups, groupsAt, groups + 1, r.pos - groupsAt);
        let locals = 0;
        for (let i = 0; i < groups; i++) {
            locals += r.u32();
            skipValType(r);
        }
        this.edits.add(Edit.LocalDecl, r.pos);
        return locals;
    }

    private newSegment(dead: boolean): void {
        this.chargeEdit = -1;
        this.dead = dead;
    }

    private charge(at: number): void {
        if (this.dead) return;
        if (this.chargeEdit < 0) this.chargeEdit = this.edits.add(Edit.Charge, at);
        this.edits.arg[this.chargeEdit]!++;
    }

    private flush(at: number): void {
        if (!this.dead) this.edits.add(Edit.Flush, at);
    }

    /** A branch to `label`: leaving the function needs the count stored first. */
    private branch(at: number, label: number): void {
        if (label >= this.depth) this.flush(at);
    }

    /** Renumbers a function index immediate; returns whether it names module code (not an import). */
    private funcIndex(): boolean {
        const r = this.r;
        const at = r.pos;
        const index = r.u32();
        const mapped = this.ix.mapFunc(index);
        if (mapped === index) return false;
        this.edits.add(Edit.FuncIndex, at, mapped, r.pos - at);
        return true;
    }

    private instruction(): void {
        const r = this.r;
        const at = r.pos;
        const op = r.u8();
        switch (op) {
            case 0x02: // block
                skipValType(r);
                this.depth++;
                return this.newSegment(false);
            case 0x03: // loop
                skipValType(r);
                this.depth++;
                this.edits.add(Edit.LoopCheck, r.pos);
                return this.newSegment(false);
            case 0x05: // else
                return this.newSegment(false);
            case 0x0b: // end
                if (this.depth === 0) this.flush(at);
                this.depth--;
                return this.newSegment(false);
        }
        this.charge(at);
        switch (op) {
            case 0x04: // if
                skipValType(r);
                this.depth++;
                return this.newSegment(false);
            case 0x0d: // br_if
            case 0xd5: // br_on_null
            case 0xd6: // br_on_non_null
                this.branch(at, r.u32());
                return this.newSegment(false);
            case 0x0c: // br
                this.branch(at, r.u32());
                return this.newSegment(true);
            case 0x0e: // br_table
                return this.brTable(at);
            case 0x00: // unreachable
            case 0x0f: // return
                this.flush(at);
                return this.newSegment(true);
            case 0x12: // return_call
                this.flush(at);
                this.callsModuleCode = true;
                this.funcIndex();
                return this.newSegment(true);
            case 0x13: // return_call_indirect
            case 0x15: // return_call_ref
                this.flush(at);
                this.callsModuleCode = true;
                r.skipLeb();
                if (op === 0x13) r.skipLeb();
                return this.newSegment(true);
            case 0x10: {
                // call
                this.flush(at);
                const isModuleCode = this.funcIndex();
                return this.afterCall(isModuleCode);
            }
            case 0x11: // call_indirect
                this.flush(at);
                r.skipLeb();
                r.skipLeb();
                return this.afterCall(true);
            case 0x14: // call_ref
                this.flush(at);
                r.skipLeb();
                return this.afterCall(true);
            case 0xd2: // ref.func
                this.funcIndex();
                return;
            default:
                return skipImmediates(this.r, op);
        }
    }

    /**
     * After a call the callee (or the host) may have moved the counter: reload it. A call also ends
     * the segment, so that the count a callee or `performance_counter` sees is exact.
     */
    private afterCall(isModuleCode: boolean): void {
        if (!this.dead) this.edits.add(Edit.Reload, this.r.pos);
        if (isModuleCode) this.callsModuleCode = true;
        this.newSegment(false);
    }

    private brTable(at: number): void {
        const r = this.r;
        let leaves = false;
        for (let n = r.u32() + 1; n > 0; n--) if (r.u32() >= this.depth) leaves = true;
        if (leaves) this.flush(at);
        this.newSegment(true);
    }

    private emit(bytes: Uint8Array, start: number, end: number): ByteWriter {
        const { pos, kind, arg, len, count } = this.edits;
        const w = this.scratch.clear();
        let cursor = start;
        for (let i = 0; i < count; i++) {
            w.bytes(bytes, cursor, pos[i]!);
            cursor = pos[i]! + len[i]!;
            this.emitEdit(w, kind[i]!, arg[i]!);
        }
        return w.bytes(bytes, cursor, end);
    }

    private emitEdit(w: ByteWriter, kind: Edit, arg: number): void {
        const { counter, limit, local } = this;
        switch (kind) {
            case Edit.Charge:
                w.byte(LOCAL_GET).bytes(local).byte(I64_CONST).sNonNegative(arg).byte(I64_ADD).byte(LOCAL_SET).bytes(local);
                return;
            case Edit.FuncIndex:
            case Edit.LocalGroups:
                w.u32(arg);
                return;
            case Edit.LocalDecl:
                w.byte(1).byte(I64);
                return;
            case Edit.Entry:
                w.byte(GLOBAL_GET).bytes(counter).byte(LOCAL_SET).bytes(local);
                return;
            case Edit.EntryCheck:
                w.byte(GLOBAL_GET).bytes(counter).byte(LOCAL_TEE).bytes(local).byte(GLOBAL_GET).bytes(limit).byte(I64_GT_U);
                w.byte(IF).byte(EMPTY).byte(CALL).bytes(this.outOfInstructions).byte(END);
                return;
            case Edit.LoopCheck:
                w.byte(LOCAL_GET).bytes(local).byte(GLOBAL_GET).bytes(limit).byte(I64_GT_U).byte(IF).byte(EMPTY);
                w.byte(LOCAL_GET).bytes(local).byte(GLOBAL_SET).bytes(counter).byte(CALL).bytes(this.outOfInstructions).byte(END);
                return;
            case Edit.Flush:
                w.byte(LOCAL_GET).bytes(local).byte(GLOBAL_SET).bytes(counter);
                return;
            case Edit.Reload:
                w.byte(GLOBAL_GET).bytes(counter).byte(LOCAL_SET).bytes(local);
                return;
        }
    }
}
