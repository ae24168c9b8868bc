-- Accounts. Emails are stored normalised (trimmed, NFC, lower-cased by the service); the unique
-- constraint is what makes two racing registrations end in exactly one account.
CREATE TABLE users (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text        NOT NULL,
    password_hash text        NOT NULL,
    full_name     text,
    roles         text[]      NOT NULL DEFAULT ARRAY['user']::text[],
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_key UNIQUE (email),
    -- Only ASCII case is checked here, the same in every database locale; the service lower-cases fully.
    CONSTRAINT users_email_lower_case CHECK (email = lower(email COLLATE "C") AND email = btrim(email)),
    CONSTRAINT users_roles_known CHECK (roles <@ ARRAY['user', 'admin']::text[] AND cardinality(roles) > 0)
);
