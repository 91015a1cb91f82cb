-- Which tenant an email or an API key's prefix belongs to, read where the
-- tenant is not known yet: at sign-in, and when a key is presented. The users
-- and keys themselves are then unique within their tenant only, as on
-- PostgreSQL, where this lets every table be spread over several servers by
-- tenant (docs/scaling.md).
CREATE TABLE email_directory (
    email TEXT PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    UNIQUE (tenant_id, email)
);

CREATE TABLE key_prefix_directory (
    prefix TEXT PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    UNIQUE (tenant_id, prefix)
);

INSERT INTO email_directory (email, tenant_id) SELECT email, tenant_id FROM users;
INSERT INTO key_prefix_directory (prefix, tenant_id) SELECT prefix, tenant_id FROM api_keys;

-- SQLite cannot drop a column's UNIQUE, so users and api_keys are built anew
-- under their own names. Their rows are set aside and put back; what refers
-- to a user (keys, sessions, links, mails) is checked at commit, once every
-- user is back.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE users_kept AS SELECT * FROM users;
CREATE TABLE api_keys_kept AS SELECT * FROM api_keys;
DROP TABLE api_keys;
DROP TABLE users;

-- A user's email is unique within the tenant and must be the directory's under
-- the same tenant: so it is still unique across the service. Likewise a key's prefix.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'finance', 'vendor', 'auditor')),
    vendor_id BIGINT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deactivated_at TIMESTAMP,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, email),
    FOREIGN KEY (tenant_id, vendor_id) REFERENCES vendors (tenant_id, id),
    FOREIGN KEY (tenant_id, email) REFERENCES email_directory (tenant_id, email),
    CHECK ((role = 'vendor') = (vendor_id IS NOT NULL))
);
INSERT INTO users (id, tenant_id, email, display_name, password_hash, role, vendor_id,
    created_at, updated_at, deactivated_at)
SELECT id, tenant_id, email, display_name, password_hash, role, vendor_id,
    created_at, updated_at, deactivated_at
FROM users_kept;
CREATE INDEX users_by_vendor ON users (tenant_id, vendor_id);

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    vendor_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_by BIGINT,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP,
    scopes TEXT NOT NULL DEFAULT 'send_kpi log_incidents read_contracts write_reports',
    UNIQUE (tenant_id, prefix),
    FOREIGN KEY (tenant_id, vendor_id) REFERENCES vendors (tenant_id, id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, prefix) REFERENCES key_prefix_directory (tenant_id, prefix)
);
INSERT INTO api_keys (id, tenant_id, vendor_id, name, prefix, secret_hash, created_by,
    created_at, last_used_at, revoked_at, scopes)
SELECT id, tenant_id, vendor_id, name, prefix, secret_hash, created_by,
    created_at, last_used_at, revoked_at, scopes
FROM api_keys_kept;
CREATE INDEX api_keys_by_vendor ON api_keys (tenant_id, vendor_id);

DROP TABLE users_kept;
DROP TABLE api_keys_kept;
