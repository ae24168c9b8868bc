-- Names and categories are stored without leading or trailing white space: the API strips them
-- (Java's String.strip) from this version on, so that "Home " is not a category of its own that
-- ?category=Home never finds. Rows written before are stripped here the same way; each changed row
-- gets a new version and updated_at, since what GET answers for it changes, and so must its ETag.
--
-- The class is what String.strip removes (Character.isWhitespace): the Unicode space, line and
-- paragraph separators but the no-break spaces U+00A0, U+2007 and U+202F, and the ASCII controls
-- HT, LF, VT, FF, CR and U+001C to U+001F.
CREATE FUNCTION stripped(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN regexp_replace($1,
        '^[\t\n\u000B\f\r\u001C-\u001F \u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]+'
        || '|[\t\n\u000B\f\r\u001C-\u001F \u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]+$',
        '', 'g');

UPDATE products
SET name = stripped(name), category = stripped(category), version = version + 1, updated_at = now()
WHERE name <> stripped(name) OR category <> stripped(category);

ALTER TABLE products
    ADD CONSTRAINT products_name_stripped CHECK (name = stripped(name)),
    ADD CONSTRAINT products_category_stripped CHECK (category = stripped(category));
