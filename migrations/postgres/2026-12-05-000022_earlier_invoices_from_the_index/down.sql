DROP INDEX invoices_by_contract;
CREATE INDEX invoices_by_contract ON invoices (tenant_id, contract_id, period);
