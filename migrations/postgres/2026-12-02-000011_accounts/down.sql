DELETE FROM outbox_attempts WHERE (tenant_id, outbox_id) IN
    (SELECT tenant_id, id FROM outbox WHERE kind <> 'invoice');
DELETE FROM outbox WHERE kind <> 'invoice';
ALTER TABLE outbox DROP CONSTRAINT outbox_user;
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_subject;
ALTER TABLE outbox DROP COLUMN link;
ALTER TABLE outbox DROP COLUMN user_id;
ALTER TABLE outbox DROP COLUMN kind;
ALTER TABLE outbox ALTER COLUMN invoice_id SET NOT NULL;
DROP TABLE account_tokens;
