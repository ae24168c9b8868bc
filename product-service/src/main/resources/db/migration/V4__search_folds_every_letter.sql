-- ?q= ignores case for every letter, not only A to Z. search_text was lower(name || description),
-- and lower() follows the database's collation: under the C locale (the embedded server's, and that
-- of many managed ones) it lowers A to Z only, so "école" missed a product named "École", and the
-- same catalog searched differently on two servers.
--
-- search_folded() now makes search_text, with a collation that knows Unicode whatever the
-- database's own: PostgreSQL 17's built-in pg_c_utf8 (Unicode's simple case mapping, the same on
-- every platform), else ICU's root locale. It maps compatibility and composed forms alike first
-- (NFKC), so "café" typed with a combining accent or in fullwidth letters finds "café", and writes
-- Greek's final sigma as the other (ς as σ), since lower case makes Σ one or the other. The service
-- folds each ?q= word the same way in Java (ProductQuery.folded), so that the word stays a constant
-- the planner can match against the trigram index.
--
-- A server with neither collation (PostgreSQL 16 or older built without ICU) or a database not in
-- UTF8 gets lower() as before, and this migration's log says so.
--
-- The column is dropped and added again (a stored generated column's expression can only be changed
-- in place from PostgreSQL 17 on); the indexes on it (the trigram index, where V2 could make it) are
-- made again from their own definitions.
DO $$
DECLARE
    folding_collation name;
    search_indexes text[];
    search_index text;
BEGIN
    IF getdatabaseencoding() = 'UTF8' THEN
        SELECT collname INTO folding_collation
        FROM pg_collation
        WHERE collnamespace = 'pg_catalog'::regnamespace AND collname IN ('pg_c_utf8', 'und-x-icu')
        ORDER BY collname = 'pg_c_utf8' DESC
        LIMIT 1;
    END IF;

    IF folding_collation IS NULL THEN
        RAISE NOTICE 'database % has neither the pg_c_utf8 nor the und-x-icu collation, or is not in UTF8: '
            'product searches (?q=) ignore case only as its own collation lowers letters (the C locale: A to Z only)',
            current_database();
        EXECUTE 'CREATE FUNCTION search_folded(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE '
            'RETURN replace(lower($1), ''ς'', ''σ'')';
    ELSE
        EXECUTE format('CREATE FUNCTION search_folded(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE '
            'RETURN replace(lower(normalize($1, NFKC) COLLATE pg_catalog.%I), ''ς'', ''σ'')', folding_collation);
    END IF;

    SELECT array_agg(pg_get_indexdef(i.indexrelid)) INTO search_indexes
    FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
    WHERE i.indrelid = 'products'::regclass AND a.attname = 'search_text';

    ALTER TABLE products DROP COLUMN search_text;
    ALTER TABLE products
        ADD COLUMN search_text text GENERATED ALWAYS AS (search_folded(name || E'\x1F' || description)) STORED;

    FOREACH search_index IN ARRAY coalesce(search_indexes, '{}') LOOP
        EXECUTE search_index;
    END LOOP;
END
$$;
