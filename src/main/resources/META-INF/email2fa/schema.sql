-- The tables of email2fa's account store (io.github.email2fa.account.JdbcAccountStore).
--
-- For a DBA: run this whole script in the database behind the email2fa.datasource DataSource,
-- as the user the application connects as, and deploy with schema creation off. Run it again
-- after every upgrade of the email2fa jar, before the new version starts: each statement only
-- adds what is missing, so on a database of an earlier version it runs just the new steps, and
-- on an up-to-date one it changes nothing. With schema creation on, the store runs these same
-- steps itself at start-up.
--
-- The steps are numbered; email2fa_schema_version records each one that ran. Every step after
-- the first only adds tables, never a column to a table in use, so servers of the previous version
-- keep working, and keep every row they write, on a database being upgraded.
--
-- Portable SQL: H2 2.x and PostgreSQL 9.6 or later run it unchanged, e.g. psql -d email2fa -f schema.sql.
-- Hashes and salts are lowercase hex text, times are milliseconds since 1970-01-01 UTC.
-- Codes and device tokens are never stored, only their hashes; authenticator secrets only sealed.
-- Each statement ends with a semicolon; none contains one, nor a comment.

-- Step 1: accounts, backup codes and remembered devices (the first release).

CREATE TABLE IF NOT EXISTS email2fa_schema_version (
    version    INTEGER      NOT NULL,
    step       VARCHAR(200) NOT NULL,
    applied_at BIGINT       NOT NULL,
    CONSTRAINT email2fa_schema_version_pk PRIMARY KEY (version)
);

-- One row per user who has ever had 2FA state. epoch counts security events; a remembered
-- device is honoured only while its epoch equals this one.
CREATE TABLE IF NOT EXISTS email2fa_account (
    subject     VARCHAR(255) NOT NULL,
    enrolled    BOOLEAN      NOT NULL,
    epoch       BIGINT       NOT NULL,
    backup_salt VARCHAR(128),
    CONSTRAINT email2fa_account_pk PRIMARY KEY (subject)
);

-- The user's current backup codes; used_at is set once, when a code is spent.
CREATE TABLE IF NOT EXISTS email2fa_backup_code (
    subject   VARCHAR(255) NOT NULL,
    code_hash VARCHAR(128) NOT NULL,
    used_at   BIGINT,
    CONSTRAINT email2fa_backup_code_pk PRIMARY KEY (subject, code_hash)
);

-- Browsers that may skip the code; token_hash changes on every use.
CREATE TABLE IF NOT EXISTS email2fa_device (
    id           VARCHAR(64)  NOT NULL,
    subject      VARCHAR(255) NOT NULL,
    token_hash   VARCHAR(128) NOT NULL,
    user_agent   VARCHAR(255),
    created_at   BIGINT       NOT NULL,
    last_used_at BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    epoch        BIGINT       NOT NULL,
    CONSTRAINT email2fa_device_pk PRIMARY KEY (id),
    CONSTRAINT email2fa_device_token_uq UNIQUE (token_hash)
);

CREATE INDEX IF NOT EXISTS email2fa_device_subject_ix ON email2fa_device (subject);

INSERT INTO email2fa_schema_version (version, step, applied_at)
    SELECT 1, 'accounts, backup codes and remembered devices', CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)
    WHERE NOT EXISTS (SELECT 1 FROM email2fa_schema_version WHERE version = 1);

-- Step 2: authenticator apps (TOTP), and the way in a user wants offered first.

-- The user's authenticator app. secret is sealed with AES-GCM under email2fa.app.secretKey, never
-- plain. confirmed_at stays null until the user has typed one code from the app; last_step is the
-- newest TOTP time step used, so no step is accepted twice (RFC 6238 section 5.2).
CREATE TABLE IF NOT EXISTS email2fa_authenticator (
    subject      VARCHAR(255) NOT NULL,
    secret       VARCHAR(512) NOT NULL,
    created_at   BIGINT       NOT NULL,
    confirmed_at BIGINT,
    last_step    BIGINT       NOT NULL,
    last_used_at BIGINT,
    CONSTRAINT email2fa_authenticator_pk PRIMARY KEY (subject)
);

-- email, or app: which way in the challenge page offers first; no row leaves it to the module.
-- A table of its own rather than a column of email2fa_account: H2 adds a column by copying the
-- table, and loses rows other connections write meanwhile, such as those of servers still running
-- the previous release.
CREATE TABLE IF NOT EXISTS email2fa_preference (
    subject VARCHAR(255) NOT NULL,
    factor  VARCHAR(16)  NOT NULL,
    CONSTRAINT email2fa_preference_pk PRIMARY KEY (subject)
);

INSERT INTO email2fa_schema_version (version, step, applied_at)
    SELECT 2, 'authenticator apps', CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)
    WHERE NOT EXISTS (SELECT 1 FROM email2fa_schema_version WHERE version = 2);

-- Step 3: passkeys (WebAuthn).

-- The random user handle (WebAuthn's user.id) that all of a user's passkeys carry, base64url; it
-- holds no personal data, and never changes for the user.
CREATE TABLE IF NOT EXISTS email2fa_passkey_user (
    subject     VARCHAR(255) NOT NULL,
    user_handle VARCHAR(128) NOT NULL,
    CONSTRAINT email2fa_passkey_user_pk PRIMARY KEY (subject),
    CONSTRAINT email2fa_passkey_user_handle_uq UNIQUE (user_handle)
);

-- The user's passkeys. id_hash is the SHA-256 of the credential id (lowercase hex), a key of fixed
-- size unique across all users; credential_id and credential (the attested credential data: the
-- public key) are base64url. sign_count is the authenticator's signature counter, which must not go
-- back; transports is a comma-separated list.
CREATE TABLE IF NOT EXISTS email2fa_passkey (
    id_hash       VARCHAR(64)   NOT NULL,
    subject       VARCHAR(255)  NOT NULL,
    credential_id VARCHAR(1400) NOT NULL,
    credential    VARCHAR(4000) NOT NULL,
    sign_count    BIGINT        NOT NULL,
    transports    VARCHAR(255),
    name          VARCHAR(64)   NOT NULL,
    created_at    BIGINT        NOT NULL,
    last_used_at  BIGINT,
    CONSTRAINT email2fa_passkey_pk PRIMARY KEY (id_hash)
);

CREATE INDEX IF NOT EXISTS email2fa_passkey_subject_ix ON email2fa_passkey (subject);

INSERT INTO email2fa_schema_version (version, step, applied_at)
    SELECT 3, 'passkeys', CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)
    WHERE NOT EXISTS (SELECT 1 FROM email2fa_schema_version WHERE version = 3);
