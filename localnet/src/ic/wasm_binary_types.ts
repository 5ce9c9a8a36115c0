// The shapes wasm_binary.ts reads out of a module.

export interface WasmSection {
    id: number;
    /** Offset of the section's content (after id and size). */
    start: number;
    end: number;
    /** Offset of the section id byte. */
    headerStart: number;
}

export interface WasmExport {
    name: string;
    kind: number; // 0 func, 1 table, 2 memory, 3 global
    index: number;
}

export interface WasmModuleInfo {
    sections: WasmSection[];
    exports: WasmExport[];
    importedTables: number;
    importedGlobals: number;
    definedTables: number;
    /** Indices (in the global index space) of module-defined mutable globals and their value type. */
    mutableGlobals: { index: number; valType: number }[];
    customSections: { name: string; content: Uint8Array }[];
    hasStart: boolean;
    /** Function types of the type section: value type bytes (0x7f i32, 0x7e i64, ...). */
    types: { params: number[]; results: number[] }[];
    functionImports: { module: string; name: string; typeIndex: number }[];
    otherImports: { module: string; name: string; kind: number }[];
    /** The module's memory (defined or imported) uses 64-bit addresses (memory64). */
    memory64: boolean;
    /** Some table uses 64-bit indices (table64). */
    table64: boolean;
}
