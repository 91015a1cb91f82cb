DROP TABLE number_series;
DROP TABLE credit_notes;
DROP TABLE invoice_payments;
DROP TABLE invoices;
