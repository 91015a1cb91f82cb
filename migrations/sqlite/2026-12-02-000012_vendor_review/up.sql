-- Onboarding under review: when the vendor last submitted its particulars
-- (cleared when the merchant sends them back), and the merchant's comment
-- on what to correct.
ALTER TABLE vendors ADD COLUMN submitted_at TIMESTAMP;
ALTER TABLE vendors ADD COLUMN review_comment TEXT;
