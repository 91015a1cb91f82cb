-- PostgreSQL sums KPI components with an aggregate of its own from this
-- migration on; SQLite's are added up by the application. Nothing to do here.
SELECT 1;
