-- A month's KPI rows together: the key leads with the tenant and the day's
-- month (yyyymm, 202611 for November 2026), then the contract. A new day for
-- every contract then reads and writes the current month's part of the
-- table only, whatever years lie before it; keyed by contract first, each
-- contract's new day lay under an interior page of its own once a contract
-- had a year of rows. The month is written from the day by the one
-- statement that writes rows (`store::kpi::merge`).
CREATE TABLE kpi_rows_by_month (
    tenant_id BIGINT NOT NULL,
    month INTEGER NOT NULL,
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
    PRIMARY KEY (tenant_id, month, contract_id, day, metric, source),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, id)
) WITHOUT ROWID;

INSERT INTO kpi_rows_by_month (tenant_id, month, contract_id, day, metric, source, numerator,
    denominator, revision, recorded_by, recorded_by_key, recorded_at)
SELECT tenant_id, CAST(strftime('%Y%m', day) AS INTEGER), contract_id, day, metric, source,
    numerator, denominator, revision, recorded_by, recorded_by_key, recorded_at
FROM kpi_rows;

DROP TABLE kpi_rows;
ALTER TABLE kpi_rows_by_month RENAME TO kpi_rows;
