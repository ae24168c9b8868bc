-- Emails are now composed again after lower-casing (EmailAddress.normalise): J + U+030C used to be
-- stored as j + U+030C, which the service now looks up as ǰ, so such an account could no longer log
-- in. Compose what was stored, unless the composed spelling already belongs to another account: then
-- both stay as they are (the composed one is the one logins reach), and an operator decides.
-- normalize() needs a UTF8 database; in any other, no stored email can hold such a character.
DO $$
BEGIN
    IF current_setting('server_encoding') = 'UTF8' THEN
        UPDATE users u SET email = normalize(u.email, NFC)
        WHERE u.email IS NOT NFC NORMALIZED
          AND NOT EXISTS (SELECT 1 FROM users o WHERE o.email = normalize(u.email, NFC));
    END IF;
END
$$;
