import type Database from 'better-sqlite3';

/** Schema migrations, applied in order; `user_version` records how far a database is. */
const MIGRATIONS: string[] = [
    `
    CREATE TABLE jobs (
        id            INTEGER PRIMARY KEY,
        kind          TEXT    NOT NULL,
        dedupe_key    TEXT    NOT NULL UNIQUE,
        payload       TEXT    NOT NULL,
        state         TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'dead')),
        attempts      INTEGER NOT NULL DEFAULT 0,
        max_attempts  INTEGER NOT NULL,
        run_at        INTEGER NOT NULL,
        locked_until  INTEGER,
        locked_by     TEXT,
        last_error    TEXT,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
    );
    CREATE INDEX jobs_ready ON jobs (kind, state, run_at);
    CREATE TABLE receipts (
        source       TEXT    NOT NULL,
        key          TEXT    NOT NULL,
        received_at  INTEGER NOT NULL,
        PRIMARY KEY (source, key)
    ) WITHOUT ROWID;
    CREATE TABLE uptime_samples (
        id           INTEGER PRIMARY KEY,
        contract_id  TEXT    NOT NULL,
        source       TEXT    NOT NULL,
        at           INTEGER NOT NULL,
        up           INTEGER NOT NULL,
        latency_ms   INTEGER
    );
    CREATE INDEX uptime_samples_at ON uptime_samples (at);
    CREATE TABLE payments (
        payment_id   TEXT    PRIMARY KEY,
        contract_id  TEXT,
        status       TEXT    NOT NULL,
        outcome      TEXT    NOT NULL,
        reason       TEXT,
        amount       TEXT,
        ledger       TEXT,
        updated_at   INTEGER NOT NULL
    );
    CREATE TABLE conversations (
        account_id       INTEGER NOT NULL,
        conversation_id  INTEGER NOT NULL,
        contract_id      TEXT,
        provider_id      TEXT,
        waiting_since    INTEGER,
        last_reply_at    INTEGER,
        silence_notified INTEGER,
        PRIMARY KEY (account_id, conversation_id)
    );
    CREATE TABLE chatwoot_links (
        kind         TEXT NOT NULL,
        local_id     TEXT NOT NULL,
        chatwoot_id  INTEGER NOT NULL,
        PRIMARY KEY (kind, local_id)
    ) WITHOUT ROWID;
    CREATE TABLE provider_contacts (
        provider_id       TEXT PRIMARY KEY,
        telegram_chat_id  TEXT,
        email             TEXT,
        phone             TEXT,
        updated_at        INTEGER NOT NULL
    );
    CREATE TABLE notify_counts (
        provider_id  TEXT    NOT NULL,
        channel      TEXT    NOT NULL,
        day          TEXT    NOT NULL,
        count        INTEGER NOT NULL,
        PRIMARY KEY (provider_id, channel, day)
    ) WITHOUT ROWID;
    CREATE TABLE telegram_messages (
        chat_id          TEXT    NOT NULL,
        message_id       INTEGER NOT NULL,
        account_id       INTEGER NOT NULL,
        conversation_id  INTEGER NOT NULL,
        PRIMARY KEY (chat_id, message_id)
    ) WITHOUT ROWID;
    `,
    `
    CREATE TABLE contract_tenants (
        contract_id TEXT PRIMARY KEY,
        tenant_id   TEXT NOT NULL
    ) WITHOUT ROWID;
    `,
    `
    CREATE TABLE own_messages (
        id               INTEGER PRIMARY KEY,
        account_id       INTEGER NOT NULL,
        conversation_id  INTEGER NOT NULL,
        content_hash     TEXT    NOT NULL,
        message_id       INTEGER,
        created_at       INTEGER NOT NULL
    );
    CREATE INDEX own_messages_content ON own_messages (account_id, conversation_id, content_hash);
    CREATE INDEX own_messages_message ON own_messages (account_id, message_id);
    -- Conversations are no longer created through the API (the widget cannot see them): retire those jobs.
    UPDATE jobs SET state = 'done', last_error = 'retired: conversations are bound, not created' WHERE kind = 'chatwoot.conversation' AND state = 'pending';
    `,
    `
    -- Notifying monitor sources (prober/transitions.ts): transitions by their own time, and how far
    -- each monitor's minutes were emitted. Replaces kuma_states, which Kuma's handler created lazily.
    CREATE TABLE monitor_transitions (
        source         TEXT    NOT NULL,
        contract_id    TEXT    NOT NULL,
        monitor_id     TEXT    NOT NULL,
        at             INTEGER NOT NULL,
        state          TEXT    NOT NULL CHECK (state IN ('up', 'down', 'maintenance')),
        vouched_until  INTEGER NOT NULL,
        latency_ms     INTEGER,
        PRIMARY KEY (source, contract_id, monitor_id, at)
    ) WITHOUT ROWID;
    CREATE TABLE monitor_progress (
        source         TEXT    NOT NULL,
        contract_id    TEXT    NOT NULL,
        monitor_id     TEXT    NOT NULL,
        emitted_until  INTEGER NOT NULL,
        PRIMARY KEY (source, contract_id, monitor_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS kuma_states (
        contract_id TEXT NOT NULL, monitor_id INTEGER NOT NULL, state TEXT NOT NULL, since INTEGER NOT NULL,
        last_notified INTEGER NOT NULL, resend_ms INTEGER NOT NULL, emitted_until INTEGER NOT NULL,
        PRIMARY KEY (contract_id, monitor_id)
    ) WITHOUT ROWID;
    INSERT INTO monitor_transitions SELECT 'Kuma', contract_id, CAST(monitor_id AS TEXT), since, state,
        last_notified + (CASE WHEN resend_ms > 0 THEN resend_ms ELSE 60000 END) * 3 / 2, NULL FROM kuma_states;
    INSERT INTO monitor_progress SELECT 'Kuma', contract_id, CAST(monitor_id AS TEXT), emitted_until FROM kuma_states;
    DROP TABLE kuma_states;
    -- One spelling of the sources: the Candid names (canisters/marketplace/src/trust/domain/uptime/sources.ts).
    UPDATE uptime_samples SET source = CASE source WHEN 'uptime_kuma' THEN 'Kuma' WHEN 'push' THEN 'Push' ELSE 'Probe' END;
    UPDATE jobs SET payload = json_set(payload, '$.source', CASE json_extract(payload, '$.source') WHEN 'uptime_kuma' THEN 'Kuma' WHEN 'push' THEN 'Push' ELSE 'Probe' END)
        WHERE kind = 'canister.uptime_minute';
    `
];

export function migrate(db: Database.Database): void {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (let v = current; v < MIGRATIONS.length; v++) {
        db.transaction(() => {
            db.exec(MIGRATIONS[v] ?? '');
            db.pragma(`user_version = ${v + 1}`);
        })();
    }
}
