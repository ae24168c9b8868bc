-- Changing a user's password or roles ends every session of that user, in the transaction that makes
-- the change, whoever makes it: the administrator account set at start-up, or an operator's UPDATE.
-- Access tokens already issued stay valid until they expire; refresh tokens stop at once.
CREATE FUNCTION revoke_refresh_token_families() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE refresh_token_families SET revoked_at = now()
    WHERE user_id = NEW.id AND revoked_at IS NULL;
    RETURN NULL;
END
$$;

CREATE TRIGGER users_credentials_changed
    AFTER UPDATE OF password_hash, roles ON users
    FOR EACH ROW
    WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash OR OLD.roles IS DISTINCT FROM NEW.roles)
    EXECUTE FUNCTION revoke_refresh_token_families();

