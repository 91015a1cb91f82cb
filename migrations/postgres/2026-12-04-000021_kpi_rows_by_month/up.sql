-- A month's KPI rows together: the key leads with the tenant and the day's
-- month (yyyymm, 202611 for November 2026), then the contract. A new day for
-- every contract then reads and writes the current month's part of the
-- index only, whatever years lie before it; keyed by contract first, each
-- contract's new day lay under an index page of its own once a contract had
-- a year of rows. The month is written from the day by the one statement
-- that writes rows (`store::kpi::merge`).
ALTER TABLE kpi_rows ADD COLUMN month INTEGER;
UPDATE kpi_rows
SET month = CAST(EXTRACT(YEAR FROM day) AS INTEGER) * 100 + CAST(EXTRACT(MONTH FROM day) AS INTEGER);
ALTER TABLE kpi_rows ALTER COLUMN month SET NOT NULL;
ALTER TABLE kpi_rows DROP CONSTRAINT kpi_rows_pkey;
ALTER TABLE kpi_rows ADD PRIMARY KEY (tenant_id, month, contract_id, day, metric, source);
