// `icp canister call` from an icp-cli sync step, with Candid-encoded arguments in a file and the
// reply as hex: runs as icp-cli's identity on icp-cli's environment (ICP_CLI_ENVIRONMENT).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { IDL } from '@dfinity/candid';

const root = resolve(new URL('../..', import.meta.url).pathname);

export function icpBin(): string {
    const local = join(root, 'node_modules/@icp-sdk/icp-cli-linux-x64/bin/icp');
    return process.env.ICP_BIN ?? (existsSync(local) ? local : 'icp');
}

/** A caller of `canister`'s methods, typed by its IDL factory. */
export function icpCaller(canister: string, idlFactory: IDL.InterfaceFactory): (name: string, args: unknown[]) => unknown[] {
    const service = idlFactory({ IDL }) as IDL.ServiceClass;
    return (name, args) => {
        const f = service._fields.find(([n]) => n === name)?.[1] as IDL.FuncClass | undefined;
        if (!f) throw new Error(`${canister} has no method ${name}`);
        const dir = mkdtempSync(join(tmpdir(), 'icp-call-'));
        try {
            const file = join(dir, 'args.bin');
            writeFileSync(file, new Uint8Array(IDL.encode(f.argTypes, args)));
            const cmd = ['canister', 'call', '-e', process.env.ICP_CLI_ENVIRONMENT ?? 'local', canister, name, '--args-file', file, '--args-format', 'bin', '-o', 'hex'];
            if (f.annotations.includes('query')) cmd.push('--query');
            const out = execFileSync(icpBin(), cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
            const hex = out.trim().split('\n').pop()!.trim();
            if (!/^([0-9a-f]{2})+$/.test(hex)) throw new Error(`icp canister call ${canister} ${name}: unexpected output ${JSON.stringify(out.slice(0, 300))}`);
            return IDL.decode(f.retTypes, new Uint8Array(Buffer.from(hex, 'hex'))); // a copy: candid reads the whole underlying ArrayBuffer
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    };
}
