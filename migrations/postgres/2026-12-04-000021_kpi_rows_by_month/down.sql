ALTER TABLE kpi_rows DROP CONSTRAINT kpi_rows_pkey;
ALTER TABLE kpi_rows ADD PRIMARY KEY (tenant_id, contract_id, day, metric, source);
ALTER TABLE kpi_rows DROP COLUMN month;
