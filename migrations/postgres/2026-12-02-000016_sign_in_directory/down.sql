ALTER TABLE api_keys ADD CONSTRAINT api_keys_prefix_key UNIQUE (prefix);
ALTER TABLE api_keys DROP CONSTRAINT api_keys_prefix_listed;
ALTER TABLE api_keys DROP CONSTRAINT api_keys_tenant_prefix;

ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
ALTER TABLE users DROP CONSTRAINT users_email_listed;
ALTER TABLE users DROP CONSTRAINT users_tenant_email;

DROP TABLE key_prefix_directory;
DROP TABLE email_directory;
