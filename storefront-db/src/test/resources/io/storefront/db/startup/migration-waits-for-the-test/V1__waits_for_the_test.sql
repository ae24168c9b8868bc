-- Blocks while the test holds this advisory lock, so that the test decides how long the migration lasts.
SELECT pg_advisory_xact_lock(4242);
CREATE TABLE migrated (id bigint PRIMARY KEY);
