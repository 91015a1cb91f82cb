-- Tenants, users, shops, vendors and vendor API keys.
-- Every tenant-owned table carries tenant_id, and references between them
-- include it, so that a row can never point at another tenant's row.

CREATE TABLE tenants (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE vendors (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    legal_name TEXT NOT NULL,
    credit_code TEXT NOT NULL,
    contacts TEXT NOT NULL,
    billing_email TEXT NOT NULL,
    bank_name TEXT,
    bank_account_name TEXT,
    bank_account_number TEXT,
    status TEXT NOT NULL CHECK (status IN ('invited', 'active', 'offboarded')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, credit_code)
);

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

CREATE TABLE shops (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    platform TEXT NOT NULL CHECK (platform IN ('taobao', 'tmall', 'jd', 'douyin', 'pinduoduo', 'other')),
    name TEXT NOT NULL,
    external_id TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, platform, external_id)
);

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
    FOREIGN KEY (tenant_id, vendor_id) REFERENCES vendors (tenant_id, id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
);

CREATE INDEX api_keys_by_vendor ON api_keys (tenant_id, vendor_id);
CREATE INDEX users_by_vendor ON users (tenant_id, vendor_id);
