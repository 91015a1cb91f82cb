DROP TABLE outbox_attempts;
DROP TABLE outbox;
DROP TABLE invoice_parties;
ALTER TABLE tenants DROP COLUMN bank_account_number;
ALTER TABLE tenants DROP COLUMN bank_account_name;
ALTER TABLE tenants DROP COLUMN bank_name;
ALTER TABLE tenants DROP COLUMN address;
ALTER TABLE tenants DROP COLUMN credit_code;
ALTER TABLE tenants DROP COLUMN legal_name;
