CREATE TABLE kpi_rows_by_contract (
    tenant_id BIGINT NOT NULL,
    contract_id BIGINT NOT NULL,
    day DATE NOT NULL,
    metric TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('vendor', 'merchant', 'system')),
    numerator BIGINT NOT NULL,
    denominator BIGINT NOT NULL CHECK (denominator >= 0),
    revision INTEGER NOT NULL,
    recorded_by BIGINT,
    recorded_by_key BIGINT,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, day, metric, source),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, id)
) WITHOUT ROWID;

INSERT INTO kpi_rows_by_contract (tenant_id, contract_id, day, metric, source, numerator,
    denominator, revision, recorded_by, recorded_by_key, recorded_at)
SELECT tenant_id, contract_id, day, metric, source, numerator, denominator, revision,
    recorded_by, recorded_by_key, recorded_at
FROM kpi_rows;

DROP TABLE kpi_rows;
ALTER TABLE kpi_rows_by_contract RENAME TO kpi_rows;
