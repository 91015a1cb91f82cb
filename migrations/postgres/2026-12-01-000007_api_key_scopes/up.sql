-- What each API key may do, as scope names separated by spaces. Keys made
-- before scopes existed keep what they could do, except managing keys (which
-- no scope grants); new keys must name theirs, so the default goes again.
ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL
    DEFAULT 'send_kpi log_incidents read_contracts write_reports';
ALTER TABLE api_keys ALTER COLUMN scopes DROP DEFAULT;
