-- What an invoice's credit notes took off, kept beside what was paid so that
-- what is owed (total - credited - paid) is read and checked on the row.
ALTER TABLE invoices ADD COLUMN credited_minor BIGINT NOT NULL DEFAULT 0;

UPDATE invoices SET credited_minor = COALESCE((
    SELECT -SUM(c.total_minor) FROM credit_notes c
    WHERE c.tenant_id = invoices.tenant_id AND c.invoice_id = invoices.id
), 0);

-- An invoice credited in part and paid for the rest was left open: it is settled.
UPDATE invoices SET status = 'paid'
WHERE status IN ('issued', 'sent')
  AND credited_minor > 0
  AND total_minor - credited_minor - paid_minor <= 0;

-- A vendor's invoices, for its statement of account and vendor-scoped lists.
CREATE INDEX invoices_by_vendor ON invoices (tenant_id, vendor_id, id);
