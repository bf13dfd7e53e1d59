package io.github.email2fa;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.email2fa.challenge.ChallengeService;
import io.github.email2fa.challenge.CodeGenerator;
import io.github.email2fa.challenge.CodeHasher;
import io.github.email2fa.config.Settings;
import io.github.email2fa.mail.JakartaMailCodeMailer;
import io.github.email2fa.mail.MailDispatcher;
import io.github.email2fa.store.CaffeineChallengeStore;
import io.github.email2fa.subject.EmailResolver;
import io.github.email2fa.subject.Resolvers;
import io.github.email2fa.subject.SubjectResolver;
import io.github.email2fa.web.PathRules;
import jakarta.servlet.ServletContext;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The running module of one web application: its settings and the services built from them.
 *
 * <p>The filter creates it at start-up and publishes it as a {@link ServletContext} attribute;
 * the module's servlet and the application reach it through {@link #from(ServletContext)}.
 */
public final class Email2fa implements AutoCloseable {

    /** The {@link ServletContext} attribute under which the running module is published. */
    public static final String CONTEXT_ATTRIBUTE = Email2fa.class.getName();

    private final Settings settings;
    private final ChallengeService challenges;
    private final SubjectResolver subjects;
    private final EmailResolver emails;
    private final MailDispatcher mail;
    private final PathRules exclusions;

    /**
     * Wires the module from its parts; {@link #start} does this with the defaults.
     */
    public Email2fa(Settings settings, ChallengeService challenges, SubjectResolver subjects, EmailResolver emails,
            MailDispatcher mail) {
        this.settings = settings;
        this.challenges = challenges;
        this.subjects = subjects;
        this.emails = emails;
        this.mail = mail;
        this.exclusions = new PathRules(settings.exclusions());
    }

    /**
     * Builds the module with its default parts for a web application.
     *
     * @throws IllegalStateException if an extension class or the JNDI mail session cannot be found
     */
    public static Email2fa start(Settings settings, ServletContext context) {
        SecureRandom random = new SecureRandom();
        Ticker ticker = Ticker.systemTicker();
        ChallengeService challenges = new ChallengeService(
                new CaffeineChallengeStore(settings.cacheMaximumSize(), ticker),
                new CodeGenerator(random, settings.codeLength()),
                CodeHasher.withRandomKey(random),
                random, ticker, Clock.systemDefaultZone(),
                settings.codeTtl(), settings.maxAttempts(), settings.resendCooldown());
        ClassLoader loader = context.getClassLoader();
        EmailResolver emails = Resolvers.emailResolver(settings, loader);
        MailDispatcher mail = MailDispatcher.create(JakartaMailCodeMailer.create(settings.mail()));
        return new Email2fa(settings, challenges, Resolvers.subjectResolver(settings), emails, mail);
    }

    /**
     * The running module of this web application.
     *
     * @throws IllegalStateException if the email2fa filter is not declared or failed to start
     */
    public static Email2fa from(ServletContext context) {
        Object module = context.getAttribute(CONTEXT_ATTRIBUTE);
        if (module instanceof Email2fa running) {
            return running;
        }
        throw new IllegalStateException("email2fa is not running in this application: declare "
                + "io.github.email2fa.web.Email2faFilter in web.xml");
    }

    /** The effective settings. */
    public Settings settings() {
        return settings;
    }

    /** Issues and checks codes. */
    public ChallengeService challenges() {
        return challenges;
    }

    /** Tells who is logged in. */
    public SubjectResolver subjects() {
        return subjects;
    }

    /** Finds users' addresses. */
    public EmailResolver emails() {
        return emails;
    }

    /** Sends code emails off the request thread. */
    public MailDispatcher mail() {
        return mail;
    }

    /** Paths that never need the second factor. */
    public PathRules exclusions() {
        return exclusions;
    }

    @Override
    public void close() {
        mail.close();
    }
}
