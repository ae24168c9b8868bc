-- A family is every refresh token descending from one login. Revoking the family (logout, or reuse of
-- an already used token) stops all of them at once, including one issued concurrently.
CREATE TABLE refresh_token_families (
    id         uuid        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE INDEX refresh_token_families_user_idx ON refresh_token_families (user_id);

-- Only the SHA-256 of a refresh token is stored; the token itself is shown to the client once.
CREATE TABLE refresh_tokens (
    token_hash bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    family_id  uuid        NOT NULL REFERENCES refresh_token_families (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);
