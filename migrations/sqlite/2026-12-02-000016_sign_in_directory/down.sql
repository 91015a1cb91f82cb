-- The users and keys unique across the service by themselves again.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE users_kept AS SELECT * FROM users;
CREATE TABLE api_keys_kept AS SELECT * FROM api_keys;
DROP TABLE api_keys;
DROP TABLE users;

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'finance', 'vendor', 'auditor')),
    vendor_id BIGINT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deactivated_at TIMESTAMP,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, vendor_id) REFERENCES vendors (tenant_id, id),
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
    prefix TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    created_by BIGINT,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP,
    scopes TEXT NOT NULL DEFAULT 'send_kpi log_incidents read_contracts write_reports',
    FOREIGN KEY (tenant_id, vendor_id) REFERENCES vendors (tenant_id, id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
);
INSERT INTO api_keys (id, tenant_id, vendor_id, name, prefix, secret_hash, created_by,
    created_at, last_used_at, revoked_at, scopes)
SELECT id, tenant_id, vendor_id, name, prefix, secret_hash, created_by,
    created_at, last_used_at, revoked_at, scopes
FROM api_keys_kept;
CREATE INDEX api_keys_by_vendor ON api_keys (tenant_id, vendor_id);

DROP TABLE users_kept;
DROP TABLE api_keys_kept;
DROP TABLE key_prefix_directory;
DROP TABLE email_directory;
