-- pgbench script: the statement product-service runs for GET /products/{id}
-- (ProductRepository.FIND_BY_ID in product-service; bench/run.sh warns when the columns there change).
-- :min_id and :max_id come from pgbench -D; the bench checks that every id in between exists.
\set id random(:min_id, :max_id)
SELECT id, sku, name, description, price, currency, stock, category, created_at, updated_at, version
FROM products
WHERE id = :id;
