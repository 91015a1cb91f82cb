-- Single-use links for an invitation (valid 72 hours) or a password reset
-- (30 minutes), kept only as the SHA-256 of their secret.
CREATE TABLE account_tokens (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    id_hash TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    PRIMARY KEY (tenant_id, id_hash),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX account_tokens_user ON account_tokens (tenant_id, user_id);

-- The outbox carries the mails about accounts too. Such a mail names its user,
-- and holds its link only until it is sent or given up. SQLite cannot drop a
-- NOT NULL, so the table is built anew; its attempts are set aside and put
-- back once it stands, so that no reference ever points at nothing.
CREATE TABLE outbox_new (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    invoice_id BIGINT,
    request_key TEXT NOT NULL,
    mail_to TEXT NOT NULL,
    mail_cc TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_by TEXT,
    claimed_until TIMESTAMP,
    last_error TEXT,
    message_id TEXT,
    requested_by BIGINT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL DEFAULT 'invoice'
        CHECK (kind IN ('invoice', 'invitation', 'password_reset')),
    user_id BIGINT,
    link TEXT,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, request_key),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
    CHECK (
        (kind = 'invoice' AND invoice_id IS NOT NULL AND user_id IS NULL)
        OR (kind <> 'invoice' AND invoice_id IS NULL AND user_id IS NOT NULL)
    )
);
INSERT INTO outbox_new (id, tenant_id, invoice_id, request_key, mail_to, mail_cc, language,
    status, attempts, next_attempt_at, claimed_by, claimed_until, last_error, message_id,
    requested_by, created_at, sent_at, updated_at)
SELECT id, tenant_id, invoice_id, request_key, mail_to, mail_cc, language,
    status, attempts, next_attempt_at, claimed_by, claimed_until, last_error, message_id,
    requested_by, created_at, sent_at, updated_at
FROM outbox;
CREATE TABLE outbox_attempts_kept AS SELECT * FROM outbox_attempts;
DROP TABLE outbox_attempts;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE TABLE outbox_attempts (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    outbox_id BIGINT NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    worker TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'retry', 'failed')),
    response TEXT NOT NULL,
    FOREIGN KEY (tenant_id, outbox_id) REFERENCES outbox (tenant_id, id)
);
INSERT INTO outbox_attempts SELECT * FROM outbox_attempts_kept;
DROP TABLE outbox_attempts_kept;
CREATE INDEX outbox_attempts_of ON outbox_attempts (tenant_id, outbox_id);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_tenant ON outbox (tenant_id, created_at);
