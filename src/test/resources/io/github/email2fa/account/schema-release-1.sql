-- The tables of email2fa's account store (io.github.email2fa.account.JdbcAccountStore).
--
-- For a DBA: run this script once in the database behind the email2fa.datasource DataSource,
-- as the user the application connects as, and deploy with schema creation off. The store
-- then only reads and writes rows. With schema creation on, the store runs these same
-- statements itself, on first use, for each table it cannot find.
--
-- Portable SQL: H2 2.x and PostgreSQL run it unchanged, e.g. psql -d email2fa -f schema.sql.
-- Hashes and salts are lowercase hex text, times are milliseconds since 1970-01-01 UTC.
-- Codes and device tokens are never stored, only their hashes.
-- Each statement ends with a semicolon; none contains one, nor a comment.

-- One row per user who has ever had 2FA state. epoch counts security events; a remembered
-- device is honoured only while its epoch equals this one.
CREATE TABLE email2fa_account (
    subject     VARCHAR(255) NOT NULL,
    enrolled    BOOLEAN      NOT NULL,
    epoch       BIGINT       NOT NULL,
    backup_salt VARCHAR(128),
    CONSTRAINT email2fa_account_pk PRIMARY KEY (subject)
);

-- The user's current backup codes; used_at is set once, when a code is spent.
CREATE TABLE email2fa_backup_code (
    subject   VARCHAR(255) NOT NULL,
    code_hash VARCHAR(128) NOT NULL,
    used_at   BIGINT,
    CONSTRAINT email2fa_backup_code_pk PRIMARY KEY (subject, code_hash)
);

-- Browsers that may skip the code; token_hash changes on every use.
CREATE TABLE email2fa_device (
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

CREATE INDEX email2fa_device_subject_ix ON email2fa_device (subject);
