// The one key-value shape the kernel's stable structures sit on (a StableBTreeMap in the
// canister, a Map in tests).
export interface KV {
    get(key: string): string | undefined;
    put(key: string, value: string): void;
    remove(key: string): void;
}

export class MemoryKV implements KV {
    readonly m = new Map<string, string>();
    get(key: string): string | undefined {
        return this.m.get(key);
    }
    put(key: string, value: string): void {
        this.m.set(key, value);
    }
    remove(key: string): void {
        this.m.delete(key);
    }
}
