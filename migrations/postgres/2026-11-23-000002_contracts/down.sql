DROP TABLE audit_log;
DROP TABLE exclusion_windows;
DROP TABLE phase_progress;
DROP TABLE contract_terms;
DROP TABLE contract_shops;
DROP TABLE contracts;
