-- PostgreSQL compresses an invoice's documents with lz4 from this migration
-- on; SQLite keeps them as they are. Nothing to change here.
SELECT 1;
