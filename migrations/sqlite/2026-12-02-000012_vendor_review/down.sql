ALTER TABLE vendors DROP COLUMN review_comment;
ALTER TABLE vendors DROP COLUMN submitted_at;
