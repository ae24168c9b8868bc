-- One row per product in a user's cart. The user is the access token's subject (a UUID issued by
-- auth-service); cart-service has no users table and no foreign key to another service's data.
-- name, unit_price and currency are the product's snapshot taken (and refreshed) on each add, so the
-- cart can be shown while the product service is down.
CREATE TABLE cart_items (
    user_id     uuid          NOT NULL,
    product_id  bigint        NOT NULL CHECK (product_id > 0),
    name        text          NOT NULL CHECK (length(name) BETWEEN 1 AND 1000),
    unit_price  numeric(12,2) NOT NULL CHECK (unit_price >= 0),
    currency    char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- An add that would take a line past 1000 is refused with 409 before it reaches this check.
    quantity    integer       NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    added_at    timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    -- The key is the target of the add's INSERT ... ON CONFLICT (user_id, product_id) and, through its
    -- leading column, the index of every other query (all of them filter on user_id).
    CONSTRAINT cart_items_pkey PRIMARY KEY (user_id, product_id)
);
