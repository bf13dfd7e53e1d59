package io.github.email2fa.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Something security-relevant that happened in a sign-in. It never carries a code.
 *
 * @param type what happened
 * @param subject the account
 * @param maskedEmail the account's address, masked ({@code a•••@example.com}), or {@code null}
 * @param clientIp the client's address, behind trusted proxies resolved
 * @param sessionHash a short hash of the session ID, to tie events of one session together
 *                    without revealing the ID; {@code null} outside a request
 * @param reason a short machine-readable reason, such as {@code wrong_code}, or {@code null}
 * @param sinceSent for {@link Type#VERIFIED}: time from sending the code to its entry; else {@code null}
 * @param at when it happened
 */
public record AuditEvent(Type type, String subject, String maskedEmail, String clientIp, String sessionHash, String reason,
        Duration sinceSent, Instant at) {

    /**
     * The kinds of event. The README lists each with its reasons; {@link #key()} is the name in
     * log lines.
     */
    public enum Type {
        /** A code was issued for a sign-in flow. */
        CHALLENGE_ISSUED,
        /** The mail server accepted a code's email. */
        CODE_SENT,
        /** A code's email could not be sent (reason {@code smtp_error}). */
        SEND_FAILED,
        /** A session passed the second factor; the reason says how if not by an emailed code. */
        VERIFIED,
        /**
         * A submitted code was refused; the reason says why. {@code malformed} and
         * {@code malformed_backup_code} mark input that cannot be a code, which counts toward no limit.
         */
        VERIFY_FAILED,
        /** A code was submitted after it expired. */
        CHALLENGE_EXPIRED,
        /** A code took its last wrong guess and died. */
        CHALLENGE_EXHAUSTED,
        /** A send was refused by the cooldown, a quota or a lock. */
        RATE_LIMITED,
        /** Too many wrong codes locked the account. */
        LOCKED_OUT,
        /** Support lifted a lock (the reason names who). */
        UNLOCKED,
        /** The user turned sign-in codes on. */
        TWO_FACTOR_ENABLED,
        /** The user turned sign-in codes off, which also ends their backup codes and devices. */
        TWO_FACTOR_DISABLED,
        /** The user made new backup codes; the old ones stopped working. */
        BACKUP_CODES_REGENERATED,
        /** A backup code was spent to pass the second factor. */
        BACKUP_CODE_USED,
        /** The user asked to skip codes on this browser. */
        DEVICE_REMEMBERED,
        /** The user forgot one ({@code one}) or all ({@code all}) of their remembered devices. */
        DEVICES_FORGOTTEN,
        /** The module ended the remembered devices: {@code password_changed} or {@code locked_out}. */
        DEVICES_REVOKED,
        /** A fresh code opened a critical operation ({@code critical_path}) or the settings ({@code settings}). */
        STEP_UP_PASSED,
        /** The user ended their other sessions: each must pass the second factor again. */
        OTHER_SESSIONS_ENDED,
        /**
         * A verified session must pass the second factor again: {@code account_changed},
         * {@code password_changed}, {@code sessions_ended} (a change made elsewhere) or {@code max_age}.
         */
        REVERIFICATION_REQUIRED,
        /** A request was refused because its session ID came in the URL ({@code in_url}). */
        SESSION_ID_REJECTED,
        /** The user added an authenticator app: it gave its first right code. */
        APP_ENROLLED,
        /**
         * The user removed their authenticator app ({@code removed}; {@code last_strong_factor} when no
         * passkey is left either), or it went with their codes ({@code two_factor_disabled}).
         */
        APP_REMOVED,
        /** A code from the user's authenticator app passed the second factor. */
        APP_CODE_USED,
        /**
         * A code from an authenticator app was refused: {@code wrong_app_code} or {@code replayed_app_code}
         * (a time step already used, RFC 6238 section 5.2); counted like a wrong emailed code.
         */
        APP_CODE_FAILED,
        /** The user registered a passkey; the reason is its name. */
        PASSKEY_REGISTERED,
        /**
         * The user removed a passkey ({@code removed}; {@code last_strong_factor} when no passkey or
         * app is left), or it went with their codes ({@code two_factor_disabled}).
         */
        PASSKEY_REMOVED,
        /** A passkey passed the second factor. */
        PASSKEY_USED,
        /**
         * A passkey sign-in was refused, counted like a wrong code; the reason names the check that
         * failed ({@code wrong_challenge}, {@code wrong_origin}, {@code wrong_rp_id},
         * {@code bad_signature}, {@code unknown_credential}, {@code replayed}, {@code malformed}...).
         */
        PASSKEY_FAILED,
        /**
         * A passkey's signature counter did not go up (W3C WebAuthn Level 3 section 6.1.1): the
         * authenticator may have been cloned. The sign-in is refused and the user told.
         */
        PASSKEY_COUNTER_REGRESSION;

        /** The name used in log lines, e.g. {@code verify_failed}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The event as one {@code key=value} line: values with spaces, quotes or equals signs are
     * quoted, and control characters are dropped, so a crafted user name cannot forge lines.
     */
    public String toLogLine() {
        StringBuilder line = new StringBuilder(160);
        append(line, "event", type.key());
        append(line, "subject", subject);
        append(line, "email", maskedEmail);
        append(line, "ip", clientIp);
        append(line, "session", sessionHash);
        append(line, "reason", reason);
        if (sinceSent != null) {
            append(line, "sinceSentMs", String.valueOf(sinceSent.toMillis()));
        }
        append(line, "at", at.toString());
        return line.toString();
    }

    private static void append(StringBuilder line, String key, String value) {
        if (value == null) {
            return;
        }
        if (!line.isEmpty()) {
            line.append(' ');
        }
        StringBuilder clean = new StringBuilder(value.length());
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && clean.length() < 200; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                continue;
            }
            if (c == '"' || c == '\\') {
                clean.append('\\');
            }
            quote |= c == ' ' || c == '"' || c == '=' || c == '\\';
            clean.append(c);
        }
        line.append(key).append('=');
        if (quote) {
            line.append('"').append(clean).append('"');
        } else {
            line.append(clean);
        }
    }
}
