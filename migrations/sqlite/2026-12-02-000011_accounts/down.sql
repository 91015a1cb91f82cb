DELETE FROM outbox_attempts WHERE outbox_id IN (SELECT id FROM outbox WHERE kind <> 'invoice');
DELETE FROM outbox WHERE kind <> 'invoice';
CREATE TABLE outbox_old (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    invoice_id BIGINT NOT NULL,
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
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, request_key),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);
INSERT INTO outbox_old SELECT id, tenant_id, invoice_id, request_key, mail_to, mail_cc, language,
    status, attempts, next_attempt_at, claimed_by, claimed_until, last_error, message_id,
    requested_by, created_at, sent_at, updated_at FROM outbox;
CREATE TABLE outbox_attempts_kept AS SELECT * FROM outbox_attempts;
DROP TABLE outbox_attempts;
DROP TABLE outbox;
ALTER TABLE outbox_old RENAME TO outbox;
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
DROP TABLE account_tokens;
