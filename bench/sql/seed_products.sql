-- Adds :count generated products to product_db (run by the bench as the product role, once,
-- on the bench's own fresh database). Names and descriptions combine a few adjectives and nouns, so the
-- search terms in lua/product_search.lua match some of them (e.g. "wireless" about 1 in 8,
-- "steel bottle" about 1 in 80). Stock is 10^9 so cart adds are never refused for stock.
\set ON_ERROR_STOP on
INSERT INTO products (sku, name, description, price, currency, stock, category)
SELECT 'BENCH-' || lpad(g::text, 7, '0'),
       w.adjective[1 + g % 8] || ' ' || w.noun[1 + (g / 8) % 10] || ' No. ' || g,
       'Bench catalog item ' || g || ': a ' || lower(w.adjective[1 + (g / 3) % 8]) || ' '
           || lower(w.noun[1 + g % 10]) || ' for the ' || lower(w.category[1 + g % 5]) || ' aisle.',
       round(5 + (g % 500) + (g % 100) / 100.0, 2),
       'USD',
       1000000000,
       w.category[1 + g % 5]
FROM generate_series(1, :count) AS g,
     (SELECT ARRAY['Wireless', 'Steel', 'Cotton', 'Compact', 'Ergonomic', 'Vintage', 'Portable', 'Organic'] AS adjective,
             ARRAY['Keyboard', 'Mug', 'Lamp', 'Jacket', 'Bottle', 'Notebook', 'Chair', 'Backpack', 'Speaker', 'Kettle'] AS noun,
             ARRAY['Electronics', 'Books', 'Home & Kitchen', 'Sports & Outdoors', 'Clothing'] AS category) AS w;
ANALYZE products;
