-- Accounts schema. Passwords are stored as argon2id hashes; API keys as SHA-256 digests of the
-- key, with only the prefix kept in clear for display.
CREATE TABLE accounts (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email           citext NOT NULL UNIQUE,
    password_hash   text NOT NULL,
    password_changed_at timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id  uuid NOT NULL REFERENCES accounts(id),
    prefix      varchar(16) NOT NULL,           -- e.g. 'ak_live_7Qw'
    key_sha256  bytea NOT NULL,                 -- digest(api_key, 'sha256')
    last_used_at timestamptz,
    revoked_at  timestamptz
);

CREATE TABLE oauth_clients (
    client_id           text PRIMARY KEY,
    client_secret_hash  text NOT NULL,
    redirect_uris       text[] NOT NULL DEFAULT '{}',
    token_endpoint_auth_method text NOT NULL DEFAULT 'client_secret_basic'
);

-- Roles: the application role's password is set out of band by the migration runner.
CREATE ROLE orders_app LOGIN PASSWORD NULL;
GRANT SELECT, INSERT, UPDATE ON accounts, api_keys TO orders_app;

INSERT INTO oauth_clients (client_id, client_secret_hash, token_endpoint_auth_method)
VALUES ('orders-web', crypt(:'web_client_secret', gen_salt('bf', 12)), 'client_secret_post');

CREATE INDEX api_keys_prefix_idx ON api_keys (prefix);
COMMENT ON COLUMN api_keys.key_sha256 IS 'SHA-256 of the full key; the key itself is never stored';
ALTER ROLE orders_app PASSWORD :'orders_app_password';
