-- Browser sessions: the cookie's secret is kept only as its SHA-256; the
-- tenant is part of the key, as for every table.
CREATE TABLE web_sessions (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    id_hash TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id_hash),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX web_sessions_user ON web_sessions (tenant_id, user_id);
