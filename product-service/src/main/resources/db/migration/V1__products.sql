-- The catalog. Every rule the API validates is also a constraint here, so no code path can store a
-- product the API would refuse.
CREATE TABLE products (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         text          NOT NULL,
    name        text          NOT NULL,
    description text          NOT NULL DEFAULT '',
    -- numeric, never float: 19.90 stays 19.90. (12,2) caps prices below 10^10.
    price       numeric(12,2) NOT NULL,
    currency    text          NOT NULL,
    stock       integer       NOT NULL,
    category    text          NOT NULL,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    -- Bumped by every update; served as the ETag for optimistic concurrency (If-Match).
    version     bigint        NOT NULL DEFAULT 1,
    -- What ?q= searches: name and description lower-cased once, at write time (LIKE on it is several
    -- times faster than ILIKE on the two columns), joined by U+001F, which neither may contain, so a
    -- word cannot match across the two.
    search_text text GENERATED ALWAYS AS (lower(name || E'\x1F' || description)) STORED,
    CONSTRAINT products_sku_key UNIQUE (sku),
    CONSTRAINT products_sku_format CHECK (sku ~ '^[A-Za-z0-9._-]{1,64}$'),
    CONSTRAINT products_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT products_text_separator CHECK (strpos(name, E'\x1F') = 0 AND strpos(description, E'\x1F') = 0),
    CONSTRAINT products_description_length CHECK (char_length(description) <= 5000),
    CONSTRAINT products_price_range CHECK (price >= 0),
    CONSTRAINT products_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT products_stock_range CHECK (stock BETWEEN 0 AND 1000000000),
    CONSTRAINT products_category_length CHECK (char_length(category) BETWEEN 1 AND 100)
);

-- GET /products pages in (name, id) order: the unfiltered listing walks this index.
CREATE INDEX products_name_id_idx ON products (name, id);

-- GET /products?category=… filters by exact category in the same order (and counts from it).
CREATE INDEX products_category_name_id_idx ON products (category, name, id);
