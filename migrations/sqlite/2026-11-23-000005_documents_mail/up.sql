-- The tenant as the buyer its invoices name, the parties as they stood when
-- an invoice was issued, and the mail outbox.

-- The merchant's legal particulars, printed as the buyer on its invoices.
ALTER TABLE tenants ADD COLUMN legal_name TEXT;
ALTER TABLE tenants ADD COLUMN credit_code TEXT;
ALTER TABLE tenants ADD COLUMN address TEXT;
ALTER TABLE tenants ADD COLUMN bank_name TEXT;
ALTER TABLE tenants ADD COLUMN bank_account_name TEXT;
ALTER TABLE tenants ADD COLUMN bank_account_number TEXT;

-- Seller, buyer and contract as printed on an issued invoice (JSON), taken at
-- issue: the document renders from this and the invoice's lines, whatever
-- changed since.
CREATE TABLE invoice_parties (
    tenant_id BIGINT NOT NULL,
    invoice_id BIGINT NOT NULL,
    parties TEXT NOT NULL,
    PRIMARY KEY (tenant_id, invoice_id),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);

-- One mail of one invoice to its recipients. Written in the transaction that
-- records the request; sent by whichever server's worker claims it first
-- (`claimed_until` is a lease: a crashed worker's claim runs out and the row is
-- claimed again). `request_key` keeps one request from queueing the same
-- invoice to the same recipients twice.
CREATE TABLE outbox (
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
-- What the workers look for: pending mails by when they are due.
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_tenant ON outbox (tenant_id, created_at);

-- Every attempt to send a mail, with the server's answer.
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
CREATE INDEX outbox_attempts_of ON outbox_attempts (tenant_id, outbox_id);
