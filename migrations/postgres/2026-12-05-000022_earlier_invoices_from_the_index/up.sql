-- A contract's earlier months read from the index alone. The close asks, for
-- each contract it drafts, what its last twelve months' invoices say — the
-- status and kind that make one live, the month's breach, the penalties it
-- counted against the contract year's cap — and an invoice's row is some
-- 13 KB (its lines, and the billing input frozen at issue): read through the
-- row, a year of history cost the close a heap page per earlier invoice.
-- With those four columns carried by the index, the same answer is an
-- index-only scan of a few pages per contract.
DROP INDEX invoices_by_contract;
CREATE INDEX invoices_by_contract ON invoices (tenant_id, contract_id, period)
    INCLUDE (status, kind, breached, capped_penalties_minor);
