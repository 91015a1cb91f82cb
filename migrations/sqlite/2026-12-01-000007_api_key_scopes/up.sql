-- What each API key may do, as scope names separated by spaces. Keys made
-- before scopes existed keep what they could do, except managing keys (which
-- no scope grants); new keys always get their scopes written explicitly.
ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL
    DEFAULT 'send_kpi log_incidents read_contracts write_reports';
