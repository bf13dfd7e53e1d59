package io.github.email2fa.config;

import java.time.Duration;
import java.util.List;

/**
 * The module's effective settings, parsed once at start-up and never changed.
 *
 * @param subjectAttribute session attribute that names the logged-in user, or {@code null}
 *                         to use the container principal
 * @param emailResolverClass class name of a custom {@code EmailResolver}, or {@code null}
 * @param emailAttribute session attribute holding the address, or {@code null}
 * @param exclusions paths that never need the second factor
 * @param loginPage the application's login page, relative to the context root
 * @param appName the application's name as shown in emails
 * @param codeLength digits per code
 * @param codeTtl lifetime of a code from issue
 * @param maxAttempts wrong guesses a challenge takes before it dies
 * @param resendCooldown least time between two sends in one flow
 * @param cacheMaximumSize most pending challenges kept in memory
 * @param challengePage the JSP that renders the challenge page
 * @param mail how codes are mailed
 * @param limits failure and send limits
 * @param notifyLockout whether locked-out users get an email
 * @param auditListenerClass class name of a custom {@code AuditListener}, or {@code null}
 * @param adminRole the role that may use the admin servlet, or {@code null} for nobody
 * @param mailCheckOnStartup whether to test the mail connection at start-up
 * @param requireHttps whether the module's pages and redirects insist on HTTPS
 * @param accounts per-user state: policy, storage, step-up and remembered devices
 * @param subjectResolverClass class name of a custom {@code SubjectResolver}, or {@code null}
 * @param mailerClass class name of a custom {@code Mailer}, or {@code null} for Jakarta Mail
 * @param session the sessions around the second factor: maximum age, URL session IDs, the cookie
 * @param store where the short-lived state lives, and where the code-hashing keys are read
 * @param app authenticator apps: the sealing key and the code parameters
 * @param passkey passkeys: on or off, the relying party, user verification and the dialogue's time
 */
public record Settings(
        String subjectAttribute,
        String emailResolverClass,
        String emailAttribute,
        List<String> exclusions,
        String loginPage,
        String appName,
        int codeLength,
        Duration codeTtl,
        int maxAttempts,
        Duration resendCooldown,
        long cacheMaximumSize,
        String challengePage,
        MailSettings mail,
        LimitSettings limits,
        boolean notifyLockout,
        String auditListenerClass,
        String adminRole,
        boolean mailCheckOnStartup,
        boolean requireHttps,
        AccountSettings accounts,
        String subjectResolverClass,
        String mailerClass,
        SessionSettings session,
        StoreSettings store,
        AppSettings app,
        PasskeyConfig passkey) {

    public Settings {
        exclusions = List.copyOf(exclusions);
    }
}
