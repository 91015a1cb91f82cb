-- Invoices, their payments and credit notes, and the gap-free number series.

-- One invoice per contract and period (adjustments aside), from draft to paid
-- or void. Money is in minor units beside the currency; the lines, warnings
-- and notes are the engine's draft as JSON (amounts as exact decimal
-- strings); `inputs_hash` fingerprints everything it was computed from, and
-- `inputs`, written at issue, is that everything. From issue on, neither
-- changes: they are the invoice's snapshot.
CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    contract_id BIGINT NOT NULL,
    vendor_id BIGINT NOT NULL,
    period TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('invoice', 'adjustment')),
    -- For an adjustment: the invoice it restates.
    adjusts BIGINT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'sent', 'paid', 'void')),
    number TEXT,
    currency TEXT NOT NULL,
    subtotal_minor BIGINT NOT NULL,
    tax_minor BIGINT NOT NULL,
    total_minor BIGINT NOT NULL,
    capped_penalties_minor BIGINT NOT NULL,
    breached BOOLEAN NOT NULL,
    under_dispute BOOLEAN NOT NULL,
    draft TEXT NOT NULL,
    inputs TEXT,
    inputs_hash TEXT NOT NULL,
    -- What later restatements are measured against: the last one's recomputation and its inputs' fingerprint (JSON).
    baseline TEXT,
    computed_at TIMESTAMP NOT NULL,
    issued_on DATE,
    due_on DATE,
    issued_at TIMESTAMP,
    issued_by BIGINT,
    dispute_override TEXT,
    paid_minor BIGINT NOT NULL DEFAULT 0,
    void_reason TEXT,
    voided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, number),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, id),
    CHECK ((status = 'draft' OR status = 'void') OR (number IS NOT NULL AND inputs IS NOT NULL))
);

-- Nothing is billed twice: one live invoice per contract and period.
CREATE UNIQUE INDEX invoices_one_per_period ON invoices (tenant_id, contract_id, period)
    WHERE kind = 'invoice' AND status <> 'void';
CREATE INDEX invoices_by_period ON invoices (tenant_id, period);
-- A contract's earlier months: the year's cap used so far, breached months in a row.
CREATE INDEX invoices_by_contract ON invoices (tenant_id, contract_id, period);

CREATE TABLE invoice_payments (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    invoice_id BIGINT NOT NULL,
    paid_on DATE NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    reference TEXT NOT NULL,
    recorded_by BIGINT,
    recorded_at TIMESTAMP NOT NULL,
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);

CREATE INDEX invoice_payments_by_invoice ON invoice_payments (tenant_id, invoice_id);

-- Credit notes: issued at once, numbered in their own series.
CREATE TABLE credit_notes (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    invoice_id BIGINT NOT NULL,
    number TEXT NOT NULL,
    reason TEXT NOT NULL,
    -- Indexes of the invoice's lines it credits, or empty for a restatement's difference.
    credited_lines TEXT NOT NULL,
    lines TEXT NOT NULL,
    subtotal_minor BIGINT NOT NULL,
    tax_minor BIGINT NOT NULL,
    total_minor BIGINT NOT NULL,
    issued_on DATE NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    issued_by BIGINT,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, number),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);

CREATE INDEX credit_notes_by_invoice ON credit_notes (tenant_id, invoice_id);

-- The last number given in each series (INV, CN) and year: taken inside the
-- issuing transaction, so a number is used exactly when the issue commits.
CREATE TABLE number_series (
    tenant_id BIGINT NOT NULL,
    series TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, series, year)
);
