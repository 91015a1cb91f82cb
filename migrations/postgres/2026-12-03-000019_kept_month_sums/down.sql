DROP TABLE kept_month_sums;
DROP TABLE kpi_month_versions;
