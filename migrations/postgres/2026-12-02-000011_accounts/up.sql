-- Single-use links for an invitation (valid 72 hours) or a password reset
-- (30 minutes), kept only as the SHA-256 of their secret.
CREATE TABLE account_tokens (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    id_hash TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    PRIMARY KEY (tenant_id, id_hash),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX account_tokens_user ON account_tokens (tenant_id, user_id);

-- The outbox carries the mails about accounts too. Such a mail names its user,
-- and holds its link only until it is sent or given up.
ALTER TABLE outbox ALTER COLUMN invoice_id DROP NOT NULL;
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'invoice'
    CHECK (kind IN ('invoice', 'invitation', 'password_reset'));
ALTER TABLE outbox ADD COLUMN user_id BIGINT;
ALTER TABLE outbox ADD COLUMN link TEXT;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_subject CHECK (
    (kind = 'invoice' AND invoice_id IS NOT NULL AND user_id IS NULL)
    OR (kind <> 'invoice' AND invoice_id IS NULL AND user_id IS NOT NULL)
);
ALTER TABLE outbox ADD CONSTRAINT outbox_user
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id);
