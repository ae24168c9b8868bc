-- ?q= matches each word as a substring of search_text (LIKE '%word%'). A GIN index with pg_trgm's
-- trigram operator class serves such matches (for words of 3 or more characters); without it every
-- search scans the table.
--
-- pg_trgm is a trusted extension, but this service's role has no CREATE on its database, so it
-- normally cannot install it: `./storefront db provision` installs it as the administrator. Trying
-- here as well covers a role that may create it; a DBA may also have installed it (in any schema).
-- When it is missing, the service works as before, with a scan, and says so in the migration log.
--
-- fastupdate = off: by default GIN queues new entries in a pending list until (auto)vacuum merges
-- them, and the planner shuns an index with a long pending list, so after a bulk load (the bench's
-- seed, a catalog import) searches scanned the table until autovacuum ran. The catalog is read far
-- more than written; each insert or update paying for its own index entries is the better trade.
DO $$
DECLARE
    trgm_schema name;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION
        -- No CREATE on the database, or pg_trgm (contrib) not on the server at all.
        WHEN insufficient_privilege OR undefined_file THEN
            NULL;
    END;

    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';

    IF trgm_schema IS NULL THEN
        RAISE NOTICE 'pg_trgm is not installed in database %, so product searches (?q=) scan the products table. '
            'To index them, have an administrator run CREATE EXTENSION pg_trgm in it (./storefront db provision does) '
            'and then CREATE INDEX products_search_text_trgm_idx ON products USING gin (search_text gin_trgm_ops) WITH (fastupdate = off).',
            current_database();
    ELSE
        EXECUTE format(
            'CREATE INDEX IF NOT EXISTS products_search_text_trgm_idx ON products USING gin (search_text %I.gin_trgm_ops) WITH (fastupdate = off)',
            trgm_schema);
    END IF;
END
$$;
