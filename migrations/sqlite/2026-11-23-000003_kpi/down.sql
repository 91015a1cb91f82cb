DROP TABLE idempotency_keys;
DROP TABLE monthly_reports;
DROP TABLE incidents;
DROP TABLE kpi_revisions;
DROP TABLE kpi_rows;
