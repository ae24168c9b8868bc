-- The version of the product (product-service's ETag) whose name, unit_price and currency the line
-- holds. An add looks the product up before it takes the cart's lock, so two adds can write in the
-- other order than they read; the add's upsert takes a snapshot only from a version at least this
-- one, so a line never goes back to an older price. Lines made before this column hold 0, which any
-- real version (product-service starts at 1) replaces.
ALTER TABLE cart_items ADD COLUMN product_version bigint NOT NULL DEFAULT 0;
