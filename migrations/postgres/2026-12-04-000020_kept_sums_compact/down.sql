-- The old form is summed again as well.
DELETE FROM kept_month_sums;
