-- Which tenant an email or an API key's prefix belongs to, read where the
-- tenant is not known yet: at sign-in, and when a key is presented. The users
-- and keys themselves are then unique within their tenant only, so that every
-- key of a tenant's table leads with tenant_id and the table can be spread
-- over several servers by tenant (docs/scaling.md); these two small tables
-- would be copied whole to every server instead. They name no tenants row:
-- such a copied table may not refer to a spread one.
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

-- A user's email is unique within the tenant and must be the directory's under
-- the same tenant: so it is still unique across the service. Likewise a key's prefix.
ALTER TABLE users ADD CONSTRAINT users_tenant_email UNIQUE (tenant_id, email);
ALTER TABLE users ADD CONSTRAINT users_email_listed
    FOREIGN KEY (tenant_id, email) REFERENCES email_directory (tenant_id, email);
ALTER TABLE users DROP CONSTRAINT users_email_key;

ALTER TABLE api_keys ADD CONSTRAINT api_keys_tenant_prefix UNIQUE (tenant_id, prefix);
ALTER TABLE api_keys ADD CONSTRAINT api_keys_prefix_listed
    FOREIGN KEY (tenant_id, prefix) REFERENCES key_prefix_directory (tenant_id, prefix);
ALTER TABLE api_keys DROP CONSTRAINT api_keys_prefix_key;
