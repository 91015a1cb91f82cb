-- A contract's earlier months read from the index alone. The close asks, for
-- each contract it drafts, what its last twelve months' invoices say — the
-- status and kind that make one live, the month's breach, the penalties it
-- counted against the contract year's cap — and an invoice's row is some
-- 13 KB (its lines, and the billing input frozen at issue): read through the
-- row, a year of history cost the close a leaf page per earlier invoice.
-- With those four columns in the index, the same answer is a few index pages
-- per contract, whatever the invoices hold.
DROP INDEX invoices_by_contract;
CREATE INDEX invoices_by_contract
    ON invoices (tenant_id, contract_id, period, status, kind, breached, capped_penalties_minor);
