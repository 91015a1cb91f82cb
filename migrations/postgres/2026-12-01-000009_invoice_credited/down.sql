DROP INDEX invoices_by_vendor;
ALTER TABLE invoices DROP COLUMN credited_minor;
