-- A month's KPI sums for a contract, kept once a view of the months that are
-- over has summed them (a contract's dashboard shows twelve), so that a year
-- of history is not summed again at every view.
--
-- Each month of a tenant has a version, moved on by every merge of KPI rows
-- falling in it; sums are kept with the version they were summed under (read
-- before the rows) and with the month's shape (its days, the first day of each
-- bucket, the excluded days): they are used only while both still hold.
CREATE TABLE kpi_month_versions (
    tenant_id BIGINT NOT NULL,
    period TEXT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, period),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

CREATE TABLE kept_month_sums (
    tenant_id BIGINT NOT NULL,
    contract_id BIGINT NOT NULL,
    period TEXT NOT NULL,
    version BIGINT NOT NULL,
    shape TEXT NOT NULL,
    -- JSON: the month's sums per metric, source and bucket.
    sums TEXT NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, period),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, id) ON DELETE CASCADE
);
