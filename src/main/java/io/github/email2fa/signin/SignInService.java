package io.github.email2fa.signin;

import io.github.email2fa.backup.BackupCodes;
import io.github.email2fa.challenge.ChallengeService;
import io.github.email2fa.challenge.Verification;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditEvent.Type;
import io.github.email2fa.event.AuditEvents;
import io.github.email2fa.limit.AccountLock;
import io.github.email2fa.limit.FailureLimiter;
import io.github.email2fa.limit.SendLimiter;
import io.github.email2fa.mail.CodeEmail;
import io.github.email2fa.mail.CodeEmailTemplate;
import io.github.email2fa.mail.MailDispatcher;
import io.github.email2fa.mail.NoticeTemplate;
import io.github.email2fa.passkey.PasskeyChallenge;
import io.github.email2fa.passkey.PasskeyVerifier;
import io.github.email2fa.passkey.Passkeys;
import io.github.email2fa.subject.EmailMask;
import io.github.email2fa.totp.AuthenticatorApps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The sign-in steps with every limit in front of them: sending a code (lock, cooldown, quotas)
 * and checking one (lock, challenge, per-account failure count), each step reported as audit
 * events. The web layer calls this and only decides what to show.
 */
public final class SignInService {

    private static final Logger LOG = Logger.getLogger(SignInService.class.getName());

    private final ChallengeService challenges;
    private final FailureLimiter failures;
    private final SendLimiter sends;
    private final MailDispatcher mail;
    private final AuditEvents events;
    private final Clock clock;
    private final String appName;
    private final boolean notifyLockout;
    private final CodeEmailTemplate codeTemplate = new CodeEmailTemplate();
    private final NoticeTemplate notices = new NoticeTemplate();

    /**
     * @param challenges issues and checks codes
     * @param failures the per-account failure counter
     * @param sends the send quotas
     * @param mail sends emails off the request thread
     * @param events where audit events go
     * @param clock wall-clock time for events and notices
     * @param appName the application's name in emails
     * @param notifyLockout whether a lockout sends the user a notice
     */
    public SignInService(ChallengeService challenges, FailureLimiter failures, SendLimiter sends, MailDispatcher mail,
            AuditEvents events, Clock clock, String appName, boolean notifyLockout) {
        this.challenges = challenges;
        this.failures = failures;
        this.sends = sends;
        this.mail = mail;
        this.events = events;
        this.clock = clock;
        this.appName = appName;
        this.notifyLockout = notifyLockout;
    }

    /** Whether the account is locked out, and for how long. */
    public AccountLock lockOf(String subject) {
        return failures.lock(subject);
    }

    /** Issues a code and queues its email, unless a lock, the cooldown or a quota stands in the way. */
    public SendResult send(Attempt attempt) {
        AccountLock lock = failures.lockRenewingHardLock(attempt.subject());
        if (lock.locked()) {
            publish(Type.RATE_LIMITED, attempt, "locked", null);
            return new SendResult(SendResult.Status.LOCKED, lock.remaining(), lock);
        }
        Duration cooldown = challenges.resendWait(attempt.flowId());
        if (!cooldown.isZero()) {
            publish(Type.RATE_LIMITED, attempt, "cooldown", null);
            return new SendResult(SendResult.Status.COOLDOWN, cooldown, null);
        }
        SendLimiter.Decision quota = sends.tryAcquire(attempt.subject(), attempt.clientIp());
        if (!quota.allowed()) {
            publish(Type.RATE_LIMITED, attempt, quota.reason().name().toLowerCase(Locale.ROOT), null);
            return new SendResult(SendResult.Status.RATE_LIMITED, quota.retryAfter(), null);
        }
        return challenges.issue(attempt.flowId(), attempt.subject()).map(issued -> {
            publish(Type.CHALLENGE_ISSUED, attempt, null, null);
            long challengeId = issued.challenge().id();
            CodeEmail email = new CodeEmail(attempt.email(), issued.code(), challenges.ttl(), attempt.locale(), appName);
            mail.dispatch(codeTemplate.render(email), sent -> {
                challenges.recordDelivery(attempt.flowId(), challengeId, sent);
                publish(sent ? Type.CODE_SENT : Type.SEND_FAILED, attempt, sent ? null : "smtp_error", null);
            });
            return new SendResult(SendResult.Status.QUEUED, null, null);
        }).orElseGet(() -> new SendResult(SendResult.Status.COOLDOWN, challenges.resendWait(attempt.flowId()), null));
    }

    /**
     * Checks a submitted code against the flow's challenge and the account's failure count. A
     * locked account refuses everything. Input that cannot be a code is answered
     * {@link VerifyOutcome.Status#MALFORMED} (or as the dead challenge it was sent to) and is
     * counted nowhere; its {@code verify_failed} event has the reason {@code malformed}.
     *
     * <p>A guess is counted against the account before it is checked, and a success then clears
     * the count: of guesses sent at once, those counted after the one that locks the account are
     * refused unchecked, so no more than the threshold are ever compared with a code.
     */
    public VerifyOutcome verify(Attempt attempt, String input) {
        VerifyOutcome locked = refusedWhileLocked(attempt);
        if (locked != null) {
            return locked;
        }
        if (!challenges.isWellFormed(input)) {
            // No input of this form can match, so it is no guess: neither the code nor the account counts it.
            Verification verification = challenges.check(attempt.flowId(), attempt.subject(), input);
            published(attempt, verification);
            return new VerifyOutcome(verification.reason() == Verification.Reason.MALFORMED ? VerifyOutcome.Status.MALFORMED
                    : refusal(verification.reason()), null);
        }
        FailureLimiter.Effect counted = failures.recordFailure(attempt.subject());
        if (counted == FailureLimiter.Effect.ALREADY_LOCKED) {
            return lockedMeanwhile(attempt);
        }
        Verification verification = challenges.check(attempt.flowId(), attempt.subject(), input);
        if (verification.result() == Verification.Result.VERIFIED) {
            failures.recordSuccess(attempt.subject());
            Duration sinceSent = verification.sentAt() == null ? null : Duration.between(verification.sentAt(), clock.instant());
            publish(Type.VERIFIED, attempt, null, sinceSent);
            return new VerifyOutcome(VerifyOutcome.Status.VERIFIED, null);
        }
        published(attempt, verification);
        return afterCountedFailure(attempt, counted, new VerifyOutcome(refusal(verification.reason()), null));
    }

    /** The events of a refused code: {@code verify_failed}, and the challenge's end if this refusal ended it. */
    private void published(Attempt attempt, Verification verification) {
        publish(Type.VERIFY_FAILED, attempt, verification.reason().key(), null);
        if (verification.reason() == Verification.Reason.EXPIRED) {
            publish(Type.CHALLENGE_EXPIRED, attempt, null, null);
        } else if (verification.result() == Verification.Result.EXHAUSTED) {
            publish(Type.CHALLENGE_EXHAUSTED, attempt, "attempt_limit", null);
        }
    }

    /** What the user is told of a refused code: why a code they may still hold stopped working, else only "wrong". */
    private static VerifyOutcome.Status refusal(Verification.Reason reason) {
        return switch (reason) {
            case REPLACED_CODE -> VerifyOutcome.Status.REPLACED;
            case EXPIRED, NO_CHALLENGE -> VerifyOutcome.Status.EXPIRED;
            case VOIDED_BY_LOCKOUT -> VerifyOutcome.Status.VOIDED;
            case ATTEMPT_LIMIT, CHALLENGE_EXHAUSTED -> VerifyOutcome.Status.EXHAUSTED;
            case MALFORMED, WRONG_CODE, OTHER_SUBJECT -> VerifyOutcome.Status.REJECTED;
        };
    }

    /** Reason of a {@code verify_failed} event for a backup code of the user's list that was spent before; counted. */
    public static final String USED_BACKUP_CODE = "used_backup_code";

    /** Reason of a {@code verify_failed} event for input that cannot be a backup code; not counted. */
    public static final String MALFORMED_BACKUP_CODE = "malformed_backup_code";

    /**
     * Checks a backup code, behind the same lock and failure count as emailed codes, counted
     * before it is checked as in {@link #verify}. A used code sends the user a notice with the
     * number of codes left. Input that cannot be a backup code is answered
     * {@link VerifyOutcome.Status#MALFORMED} and not counted.
     */
    public VerifyOutcome verifyBackup(Attempt attempt, String input, BackupCodes backupCodes) {
        VerifyOutcome locked = refusedWhileLocked(attempt);
        if (locked != null) {
            return locked;
        }
        if (!BackupCodes.isWellFormed(input)) {
            publish(Type.VERIFY_FAILED, attempt, MALFORMED_BACKUP_CODE, null);
            return new VerifyOutcome(VerifyOutcome.Status.MALFORMED, null);
        }
        FailureLimiter.Effect counted = failures.recordFailure(attempt.subject());
        if (counted == FailureLimiter.Effect.ALREADY_LOCKED) {
            return lockedMeanwhile(attempt);
        }
        BackupCodes.Result result = backupCodes.use(attempt.subject(), input);
        if (result.accepted()) {
            failures.recordSuccess(attempt.subject());
            publish(Type.VERIFIED, attempt, "backup_code", null);
            publish(Type.BACKUP_CODE_USED, attempt, null, null);
            mail.dispatch(notices.backupCodeUsed(attempt.email(), attempt.locale(), appName, clock.instant(), attempt.clientIp(),
                    result.remaining()), sent -> { });
            return new VerifyOutcome(VerifyOutcome.Status.VERIFIED, null, result.remaining(), null);
        }
        if (result.usedBefore() != null) {
            publish(Type.VERIFY_FAILED, attempt, USED_BACKUP_CODE, null);
            return afterCountedFailure(attempt, counted, new VerifyOutcome(VerifyOutcome.Status.USED_BEFORE, null, -1, result.usedBefore()));
        }
        publish(Type.VERIFY_FAILED, attempt, "wrong_backup_code", null);
        return afterCountedFailure(attempt, counted, new VerifyOutcome(VerifyOutcome.Status.REJECTED, null));
    }

    /** Reason of a {@code verify_failed} and {@code app_code_failed} event for a wrong code from an authenticator app; counted. */
    public static final String WRONG_APP_CODE = "wrong_app_code";
    /** Reason of a {@code verify_failed} and {@code app_code_failed} event for an app code of a time step already used; counted. */
    public static final String REPLAYED_APP_CODE = "replayed_app_code";
    /** Reason of a {@code verify_failed} event for input that cannot be an app code; not counted. */
    public static final String MALFORMED_APP_CODE = "malformed_app_code";
    /** Reason of a {@code verify_failed} event for an app code from a user with no app, or one that cannot be checked now; not counted. */
    public static final String NO_APP = "no_app";
    /** Reason of a {@code verified} event: a code from an authenticator app. */
    public static final String AUTHENTICATOR_APP = "authenticator_app";

    /**
     * Checks a code from the user's authenticator app, behind the same lock and failure count as
     * emailed and backup codes, counted before it is checked as in {@link #verify}. Input that
     * cannot be an app code, and a user without an app that can be checked, are answered without
     * counting anything.
     */
    public VerifyOutcome verifyApp(Attempt attempt, String input, AuthenticatorApps apps) {
        VerifyOutcome locked = refusedWhileLocked(attempt);
        if (locked != null) {
            return locked;
        }
        if (!apps.isWellFormed(input)) {
            publish(Type.VERIFY_FAILED, attempt, MALFORMED_APP_CODE, null);
            return new VerifyOutcome(VerifyOutcome.Status.MALFORMED, null);
        }
        if (!apps.canCheck(attempt.subject())) {
            // No app, or one whose secret does not open with the keys set: no code could match, so none is counted.
            publish(Type.VERIFY_FAILED, attempt, NO_APP, null);
            return new VerifyOutcome(VerifyOutcome.Status.APP_UNAVAILABLE, null);
        }
        FailureLimiter.Effect counted = failures.recordFailure(attempt.subject());
        if (counted == FailureLimiter.Effect.ALREADY_LOCKED) {
            return lockedMeanwhile(attempt);
        }
        return switch (apps.check(attempt.subject(), input)) {
            case ACCEPTED -> {
                failures.recordSuccess(attempt.subject());
                publish(Type.VERIFIED, attempt, AUTHENTICATOR_APP, null);
                publish(Type.APP_CODE_USED, attempt, null, null);
                yield new VerifyOutcome(VerifyOutcome.Status.VERIFIED, null);
            }
            case ALREADY_USED -> {
                publish(Type.VERIFY_FAILED, attempt, REPLAYED_APP_CODE, null);
                publish(Type.APP_CODE_FAILED, attempt, REPLAYED_APP_CODE, null);
                yield afterCountedFailure(attempt, counted, new VerifyOutcome(VerifyOutcome.Status.ALREADY_USED, null));
            }
            case WRONG, MALFORMED -> {
                publish(Type.VERIFY_FAILED, attempt, WRONG_APP_CODE, null);
                publish(Type.APP_CODE_FAILED, attempt, WRONG_APP_CODE, null);
                yield afterCountedFailure(attempt, counted, new VerifyOutcome(VerifyOutcome.Status.REJECTED, null));
            }
            case NO_APP, UNAVAILABLE -> {
                // Removed, or unreadable, since the check above: a rare race, and the guess stays counted.
                publish(Type.VERIFY_FAILED, attempt, NO_APP, null);
                yield new VerifyOutcome(VerifyOutcome.Status.APP_UNAVAILABLE, null);
            }
        };
    }

    /** Reason of a {@code verified} event: a passkey. */
    public static final String PASSKEY = "passkey";
    /** Reason of a {@code verify_failed} event for a passkey sign-in by a user with none, or where passkeys are off; not counted. */
    public static final String NO_PASSKEY = "no_passkey";

    /**
     * Checks a passkey sign-in (W3C WebAuthn Level 3 section 7.2), behind the same lock and failure
     * count as codes, counted before it is checked as in {@link #verify}: every refused response
     * counts, since a browser sends a well-formed one, and a forged one is an attack. A user without
     * a passkey is answered without counting anything.
     *
     * <p>A signature counter that went backwards refuses the sign-in, logs a WARNING, raises a
     * {@code passkey_counter_regression} event and tells the user: the passkey may have been copied.
     *
     * @param verifier the relying party of this request
     * @param responseJson what the page posted ({@code credential.toJSON()})
     * @param challenge the sign-in challenge taken out of the session, or {@code null} if none was there
     */
    public VerifyOutcome verifyPasskey(Attempt attempt, PasskeyVerifier verifier, String responseJson, PasskeyChallenge challenge,
            Passkeys passkeys) {
        VerifyOutcome locked = refusedWhileLocked(attempt);
        if (locked != null) {
            return locked;
        }
        if (!passkeys.hasPasskey(attempt.subject())) {
            publish(Type.VERIFY_FAILED, attempt, NO_PASSKEY, null);
            return new VerifyOutcome(VerifyOutcome.Status.PASSKEY_UNAVAILABLE, null);
        }
        FailureLimiter.Effect counted = failures.recordFailure(attempt.subject());
        if (counted == FailureLimiter.Effect.ALREADY_LOCKED) {
            return lockedMeanwhile(attempt);
        }
        try {
            passkeys.authenticate(verifier, attempt.subject(), responseJson, challenge);
        } catch (PasskeyVerifier.Refused refused) {
            String reason = refused.reason().name().toLowerCase(Locale.ROOT);
            publish(Type.VERIFY_FAILED, attempt, PASSKEY + "_" + reason, null);
            publish(Type.PASSKEY_FAILED, attempt, reason, null);
            if (refused.reason() == PasskeyVerifier.Refused.Reason.COUNTER_REGRESSION) {
                counterWentBack(attempt, responseJson, passkeys);
            }
            VerifyOutcome.Status status = switch (refused.reason()) {
                case WRONG_CHALLENGE, CHALLENGE_EXPIRED, REPLAYED -> VerifyOutcome.Status.PASSKEY_EXPIRED;
                default -> VerifyOutcome.Status.PASSKEY_REFUSED;
            };
            return afterCountedFailure(attempt, counted, new VerifyOutcome(status, null));
        }
        failures.recordSuccess(attempt.subject());
        publish(Type.VERIFIED, attempt, PASSKEY, null);
        publish(Type.PASSKEY_USED, attempt, null, null);
        return new VerifyOutcome(VerifyOutcome.Status.VERIFIED, null);
    }

    /** A WARNING, an event and a notice naming the passkey whose counter went back; the log has no key or response. */
    private void counterWentBack(Attempt attempt, String responseJson, Passkeys passkeys) {
        String name = passkeys.nameOfPosted(attempt.subject(), responseJson);
        LOG.warning("email2fa: the signature counter of a passkey of user " + attempt.subject()
                + " went backwards: the passkey may have been copied; the sign-in was refused and the user told");
        publish(Type.PASSKEY_COUNTER_REGRESSION, attempt, null, null);
        if (attempt.email() != null) {
            mail.dispatch(notices.passkeyCounterRegression(attempt.email(), attempt.locale(), appName, clock.instant(),
                    name == null ? "?" : name), sent -> { });
        }
    }

    /**
     * The answer for an account that is locked, with its {@code verify_failed} event (reason
     * {@code locked}); {@code null} when it is not, and the check may go on.
     */
    private VerifyOutcome refusedWhileLocked(Attempt attempt) {
        AccountLock lock = failures.lockRenewingHardLock(attempt.subject());
        if (!lock.locked()) {
            return null;
        }
        publish(Type.VERIFY_FAILED, attempt, "locked", null);
        return new VerifyOutcome(VerifyOutcome.Status.LOCKED, lock);
    }

    /** The answer for a guess whose count found the account locked by a parallel one: refused unchecked. */
    private VerifyOutcome lockedMeanwhile(Attempt attempt) {
        publish(Type.VERIFY_FAILED, attempt, "locked", null);
        return new VerifyOutcome(VerifyOutcome.Status.LOCKED, failures.lock(attempt.subject()));
    }

    /**
     * The answer to a refused guess that was counted before it was checked: the lockout it caused,
     * if it was the one that locked the account, else {@code otherwise}.
     */
    private VerifyOutcome afterCountedFailure(Attempt attempt, FailureLimiter.Effect counted, VerifyOutcome otherwise) {
        if (counted == FailureLimiter.Effect.LOCKED_NOW) {
            lockedOut(attempt);
            return new VerifyOutcome(VerifyOutcome.Status.LOCKED, failures.lock(attempt.subject()));
        }
        return otherwise;
    }

    /** Reasons of {@link Type#STEP_UP_PASSED}: a path in {@code email2fa.stepUp.paths}. */
    public static final String CRITICAL_PATH = "critical_path";
    /** See {@link #CRITICAL_PATH}: the settings page, which every change of the second factor goes through. */
    public static final String SETTINGS = "settings";

    /**
     * Records that a fresh verification opened a critical operation or the settings page, as a
     * {@code step_up_passed} event after the {@code verified} one.
     *
     * @param reason {@link #CRITICAL_PATH} or {@link #SETTINGS}
     */
    public void stepUpPassed(Attempt attempt, String reason) {
        publish(Type.STEP_UP_PASSED, attempt, reason, null);
    }

    /** Reason of {@link Type#REVERIFICATION_REQUIRED}: the session passed longer ago than {@code email2fa.verified.maxAge}. */
    public static final String MAX_AGE = "max_age";
    /** Reason of {@link Type#SESSION_ID_REJECTED}: the session ID came in the URL. */
    public static final String IN_URL = "in_url";

    /**
     * Records that a session must pass the second factor again, as a {@code reverification_required}
     * event.
     *
     * @param reason {@link #MAX_AGE}, or the reason of the account change that caught up with it
     */
    public void reverificationRequired(Actor actor, String reason) {
        events.publish(new AuditEvent(Type.REVERIFICATION_REQUIRED, actor.subject(), actor.maskedEmail(), actor.clientIp(),
                actor.sessionHash(), reason, null, clock.instant()));
    }

    /**
     * Records a request refused for where its session ID came from, as a {@code session_id_rejected} event.
     *
     * @param subject the user the session belongs to, or {@code null} if it has none
     */
    public void sessionIdRejected(String subject, String clientIp, String reason) {
        events.publish(new AuditEvent(Type.SESSION_ID_REJECTED, subject, null, clientIp, null, reason, null, clock.instant()));
    }

    /** Records that a remembered device let a session skip the challenge, as a {@code verified} event. */
    public void deviceRecognized(Actor actor) {
        events.publish(new AuditEvent(Type.VERIFIED, actor.subject(), EmailMask.mask(actor.email()), actor.clientIp(),
                actor.sessionHash(), "remembered_device", null, clock.instant()));
    }

    /**
     * Voids the account's codes everywhere and tells the user, so the lock cannot be waited out with
     * an old code; the voided codes' pages say why they stopped working.
     */
    private void lockedOut(Attempt attempt) {
        challenges.voidAll(attempt.subject());
        AccountLock lock = failures.lockRenewingHardLock(attempt.subject());
        publish(Type.LOCKED_OUT, attempt, lock.untilSupport() ? "consecutive_limit" : "failure_threshold", null);
        if (notifyLockout) {
            Instant now = clock.instant();
            Instant until = lock.remaining() == null ? null : now.plus(lock.remaining());
            mail.dispatch(notices.lockout(attempt.email(), attempt.locale(), appName, now, attempt.clientIp(), until),
                    sent -> { });
        }
    }

    private void publish(Type type, Attempt attempt, String reason, Duration sinceSent) {
        events.publish(new AuditEvent(type, attempt.subject(), EmailMask.mask(attempt.email()), attempt.clientIp(),
                attempt.sessionHash(), reason, sinceSent, clock.instant()));
    }
}
