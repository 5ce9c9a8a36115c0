/** Structured JSON logs, one object per line on stdout (errors on stderr). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
    debug(msg: string, fields?: LogFields): void;
    info(msg: string, fields?: LogFields): void;
    warn(msg: string, fields?: LogFields): void;
    error(msg: string, fields?: LogFields): void;
    child(fields: LogFields): Logger;
}

export type LogSink = (line: string, level: LogLevel) => void;

const defaultSink: LogSink = (line, level) => {
    (level === 'error' ? process.stderr : process.stdout).write(line + '\n');
};

export function createLogger(level: LogLevel = 'info', base: LogFields = {}, sink: LogSink = defaultSink): Logger {
    const emit = (lvl: LogLevel, msg: string, fields?: LogFields): void => {
        if (ORDER[lvl] < ORDER[level]) return;
        const record = { time: new Date().toISOString(), level: lvl, msg, ...base, ...normalise(fields) };
        sink(JSON.stringify(record, jsonReplacer), lvl);
    };
    return {
        debug: (m, f) => emit('debug', m, f),
        info: (m, f) => emit('info', m, f),
        warn: (m, f) => emit('warn', m, f),
        error: (m, f) => emit('error', m, f),
        child: (fields) => createLogger(level, { ...base, ...fields }, sink)
    };
}

export const silentLogger: Logger = createLogger('error', {}, () => undefined);

function normalise(fields?: LogFields): LogFields {
    if (!fields) return {};
    const out: LogFields = {};
    for (const [k, v] of Object.entries(fields)) out[k] = v instanceof Error ? errorFields(v) : v;
    return out;
}

function errorFields(e: Error): LogFields {
    return { name: e.name, message: e.message };
}

function jsonReplacer(_key: string, value: unknown): unknown {
    return typeof value === 'bigint' ? value.toString() : value;
}

export function errorMessage(e: unknown): string {
    return e instanceof Error ? e.message : String(e);
}
