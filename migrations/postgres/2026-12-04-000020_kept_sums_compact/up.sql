-- Months' kept sums are now written one array a metric, source and bucket
-- instead of one object: what was kept in the old form is summed again at
-- the next view of its month.
DELETE FROM kept_month_sums;
