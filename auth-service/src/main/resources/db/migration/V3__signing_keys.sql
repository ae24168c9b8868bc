-- RS256 signing keys shared by every replica. At most one is active (the partial unique index), so
-- instances starting together insert with ON CONFLICT DO NOTHING and all read back the same winner.
-- Inactive keys stay published in the JWKS until an operator deletes them.
CREATE TABLE signing_keys (
    kid             text        PRIMARY KEY,
    algorithm       text        NOT NULL DEFAULT 'RS256' CHECK (algorithm = 'RS256'),
    private_key_pem text        NOT NULL,
    active          boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (active) WHERE active;
