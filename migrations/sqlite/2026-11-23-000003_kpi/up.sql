-- Daily KPI feeds with their revisions, incidents, monthly reports, and the
-- idempotency keys of retried writes.

-- One row per contract, local day, metric and source: the current values.
-- Components are exact integers in the metric's stored unit.
CREATE TABLE kpi_rows (
    tenant_id BIGINT NOT NULL,
    contract_id BIGINT NOT NULL,
    day DATE NOT NULL,
    metric TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('vendor', 'merchant', 'system')),
    numerator BIGINT NOT NULL,
    denominator BIGINT NOT NULL CHECK (denominator >= 0),
    -- 1 for the first values; each replacement adds one and keeps the old values in kpi_revisions.
    revision INTEGER NOT NULL,
    recorded_by BIGINT,
    recorded_by_key BIGINT,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, day, metric, source),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, id)
) WITHOUT ROWID;

-- Values that were replaced, with who had sent them and who replaced them.
CREATE TABLE kpi_revisions (
    tenant_id BIGINT NOT NULL,
    contract_id BIGINT NOT NULL,
    day DATE NOT NULL,
    metric TEXT NOT NULL,
    source TEXT NOT NULL,
    revision INTEGER NOT NULL,
    numerator BIGINT NOT NULL,
    denominator BIGINT NOT NULL,
    recorded_by BIGINT,
    recorded_by_key BIGINT,
    recorded_at TIMESTAMP NOT NULL,
    replaced_by BIGINT,
    replaced_by_key BIGINT,
    replaced_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, day, metric, source, revision),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, id)
);

CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    contract_id BIGINT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
    category TEXT NOT NULL CHECK (category IN ('safety', 'data_leak', 'service_failure', 'other')),
    occurred_at TIMESTAMP NOT NULL,
    escalated_at TIMESTAMP,
    description TEXT NOT NULL,
    logged_by BIGINT,
    logged_by_key BIGINT,
    logged_at TIMESTAMP NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, id),
    CHECK (escalated_at IS NULL OR escalated_at >= occurred_at)
);

CREATE INDEX incidents_by_time ON incidents (tenant_id, contract_id, occurred_at);

-- One report per contract and month. Figures, staffing, narrative and the
-- merchant's dispute comments are JSON documents.
CREATE TABLE monthly_reports (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    contract_id BIGINT NOT NULL,
    period TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'disputed')),
    figures TEXT NOT NULL,
    staffing TEXT NOT NULL,
    narrative TEXT NOT NULL,
    disputes TEXT NOT NULL,
    submissions INTEGER NOT NULL,
    submitted_at TIMESTAMP,
    answered_at TIMESTAMP,
    answered_by BIGINT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, contract_id, period),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, id)
);

-- A retried write's key: `status_code` is NULL while the first request runs.
CREATE TABLE idempotency_keys (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT,
    status_code INTEGER,
    content_type TEXT,
    response TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);
