package io.github.email2fa;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.AccountStores;
import io.github.email2fa.backup.BackupCodes;
import io.github.email2fa.cdi.CdiBeans;
import io.github.email2fa.challenge.ChallengeService;
import io.github.email2fa.challenge.CodeGenerator;
import io.github.email2fa.challenge.CodeHasher;
import io.github.email2fa.config.AccountSettings;
import io.github.email2fa.config.AppSettings;
import io.github.email2fa.config.ContextParams;
import io.github.email2fa.config.Extensions;
import io.github.email2fa.config.LimitSettings;
import io.github.email2fa.config.PasskeyConfig;
import io.github.email2fa.config.Secrets;
import io.github.email2fa.config.Settings;
import io.github.email2fa.config.StoreSettings;
import io.github.email2fa.device.RememberedDevices;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditEvents;
import io.github.email2fa.event.AuditListener;
import io.github.email2fa.event.AuditLog;
import io.github.email2fa.limit.ClientAddress;
import io.github.email2fa.limit.FailureLimiter;
import io.github.email2fa.limit.SendLimiter;
import io.github.email2fa.mail.JakartaMailer;
import io.github.email2fa.mail.MailDispatcher;
import io.github.email2fa.mail.Mailer;
import io.github.email2fa.monitor.Email2faStats;
import io.github.email2fa.passkey.Passkeys;
import io.github.email2fa.passkey.RelyingParty;
import io.github.email2fa.session.CoarseClock;
import io.github.email2fa.session.SessionEpochs;
import io.github.email2fa.signin.AccountService;
import io.github.email2fa.signin.SignInService;
import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.store.SharedMap;
import io.github.email2fa.store.SharedStore;
import io.github.email2fa.subject.EmailResolver;
import io.github.email2fa.subject.Resolvers;
import io.github.email2fa.subject.SubjectResolver;
import io.github.email2fa.support.AccountSupport;
import io.github.email2fa.totp.AuthenticatorApps;
import io.github.email2fa.totp.SecretBox;
import io.github.email2fa.totp.TotpSettings;
import io.github.email2fa.totp.TotpVerifier;
import jakarta.servlet.ServletContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The running module of one web application: its settings and the services built from them.
 *
 * <p>It is created while the application deploys and published as a {@link ServletContext}
 * attribute; the module's servlets and the application reach it through
 * {@link #from(ServletContext)}, for example to unlock an account:
 * {@code Email2fa.from(context).support().unlock("alice", "helpdesk")}.
 */
public final class Email2fa implements AutoCloseable {

    /** The {@link ServletContext} attribute under which the running module is published. */
    public static final String CONTEXT_ATTRIBUTE = Email2fa.class.getName();

    private static final Logger LOG = Logger.getLogger(Email2fa.class.getName());

    private final Settings settings;
    private final ChallengeService challenges;
    private final SubjectResolver subjects;
    private final EmailResolver emails;
    private final SignInService signIn;
    private final AccountSupport support;
    private final ClientAddress clientAddress;
    private final MailDispatcher mail;
    private final Email2faStats stats;
    private final Extensions.Found<AccountStore> accountStore;
    private final Extensions.Found<Mailer> ownMailer;
    private final AccountService accounts;
    private final RememberedDevices devices;
    private final RelyingParty relyingParty;
    private final Clock clock;
    private final SessionEpochs epochs;
    private final CoarseClock coarseClock;

    private Email2fa(Settings settings, ChallengeService challenges, SubjectResolver subjects, EmailResolver emails,
            SignInService signIn, AccountSupport support, ClientAddress clientAddress, MailDispatcher mail, Email2faStats stats,
            Extensions.Found<AccountStore> accountStore, Extensions.Found<Mailer> ownMailer, AuditEvents events,
            SessionEpochs epochs, Clock clock) {
        this.settings = settings;
        this.challenges = challenges;
        this.subjects = subjects;
        this.emails = emails;
        this.signIn = signIn;
        this.support = support;
        this.clientAddress = clientAddress;
        this.mail = mail;
        this.stats = stats;
        this.clock = clock;
        this.epochs = epochs;
        this.coarseClock = new CoarseClock(clock);
        SecureRandom random = new SecureRandom();
        int days = settings.accounts().rememberDeviceDays();
        this.accountStore = accountStore;
        this.ownMailer = ownMailer;
        AccountStore store = accountStore.instance();
        this.devices = new RememberedDevices(store, random, clock, Duration.ofDays(Math.max(1, days)));
        this.accounts = new AccountService(store, new BackupCodes(store, random, clock), devices,
                authenticatorApps(settings.app(), store, random, clock), passkeys(settings.passkey(), store, clock), mail, events, epochs,
                clock, settings.appName());
        this.relyingParty = relyingParty(settings, random, clock);
        requireStepUpFactorUsable(settings.accounts().stepUpFactor(), accounts.passkeys().availability(), accounts.apps().availability(),
                store);
    }

    /**
     * Fails deployment when {@code email2fa.stepUp.factor} asks for a factor no user could have:
     * {@code passkey} without passkeys, {@code strong} without passkeys and apps.
     *
     * @throws IllegalStateException naming the settings and the fix
     */
    static void requireStepUpFactorUsable(AccountSettings.StepUpFactor factor, Passkeys.Availability passkeys,
            AuthenticatorApps.Availability apps, AccountStore store) {
        boolean passkeysOn = passkeys == Passkeys.Availability.AVAILABLE;
        boolean appsOn = apps == AuthenticatorApps.Availability.AVAILABLE;
        boolean usable = switch (factor) {
            case PASSKEY -> passkeysOn;
            case STRONG -> passkeysOn || appsOn;
            default -> true;
        };
        if (usable) {
            return;
        }
        boolean strong = factor == AccountSettings.StepUpFactor.STRONG;
        String why = passkeys == Passkeys.Availability.OFF ? ContextParams.PASSKEY_ENABLED + "=false"
                : "the account store " + store.getClass().getName() + " keeps no passkeys";
        throw new IllegalStateException("email2fa: " + ContextParams.STEP_UP_FACTOR + "=" + factor.name().toLowerCase(Locale.ROOT)
                + " needs " + (strong ? "passkeys and authenticator apps" : "passkeys") + ", and none can be used here (" + why
                + (strong ? "; " + ContextParams.APP_SECRET_KEY + " is not set or the store keeps no apps" : "")
                + "), so no user could pass a step-up. Fix: set " + ContextParams.PASSKEY_ENABLED + "=true with an account store that"
                + " keeps passkeys" + (strong ? ", or set " + ContextParams.APP_SECRET_KEY : "") + ", or choose another "
                + ContextParams.STEP_UP_FACTOR + ".");
    }

    /**
     * Builds the module with its default parts for a web application. Call it where the
     * application's JNDI names and CDI beans are ready (a {@code ServletContextListener}).
     *
     * @throws IllegalStateException if an extension class, the JNDI mail session or the account store's
     *     DataSource cannot be found, or that DataSource gives no connection
     */
    public static Email2fa start(Settings settings, ServletContext context) {
        SecureRandom random = new SecureRandom();
        Ticker ticker = Ticker.systemTicker();
        Clock clock = Clock.systemDefaultZone();
        ClassLoader loader = context.getClassLoader();
        LimitSettings limits = settings.limits();

        SharedStore store = sharedStore(settings, context, ticker);
        ChallengeService challenges = new ChallengeService(store, new CodeGenerator(random, settings.codeLength()),
                codeHasher(settings.store(), store, random), random, clock,
                settings.codeTtl(), settings.maxAttempts(), settings.resendCooldown());
        FailureLimiter failures = new FailureLimiter(store, limits.lockoutThreshold(), limits.lockoutWindow(),
                limits.lockoutDurations(), limits.lockoutHardLimit(), clock);
        SendLimiter sends = new SendLimiter(store, limits.sendPerAccount(), limits.sendAccountWindow(), limits.sendPerAccountPerDay(),
                limits.sendPerIp(), limits.sendIpWindow(), clock);

        Email2faStats stats = new Email2faStats(challenges::pending);
        AtomicReference<Email2fa> started = new AtomicReference<>();
        List<AuditListener> listeners = new ArrayList<>(listeners(settings, loader, stats));
        // A lockout also revokes the account's remembered devices.
        listeners.add(event -> {
            if (event.type() == AuditEvent.Type.LOCKED_OUT && started.get() != null) {
                started.get().accounts().lockedOut(event.subject());
            }
        });
        AuditEvents events = new AuditEvents(listeners);
        Extensions.Found<Mailer> ownMailer = Extensions.find(settings.mailerClass(), Mailer.class, "email2fa.mailer", loader);
        Mailer mailer = ownMailer != null ? ownMailer.instance() : JakartaMailer.create(settings.mail());
        MailDispatcher mail = MailDispatcher.create(mailer);
        SignInService signIn = new SignInService(challenges, failures, sends, mail, events, clock, settings.appName(),
                settings.notifyLockout());
        AccountSupport support = new AccountSupport(challenges, failures, sends, mailer, events, clock, settings.appName());
        EmailResolver emails = Resolvers.emailResolver(settings, loader);

        // Opened last, so a failure of an earlier step leaves no store (and its pool) behind.
        Extensions.Found<AccountStore> accountStore = AccountStores.open(settings.accounts(), loader);
        Email2fa module = new Email2fa(settings, challenges, Resolvers.subjectResolver(settings, loader), emails, signIn, support,
                new ClientAddress(limits.trustedProxies()), mail, stats, accountStore, ownMailer, events,
                epochs(store, clock), clock);
        started.set(module);
        try {
            stats.register(context.getContextPath());
        } catch (RuntimeException e) {
            module.close();
            throw e;
        }
        if (settings.mailCheckOnStartup() && mailer instanceof JakartaMailer jakartaMailer) {
            checkMailInBackground(jakartaMailer);
        }
        return module;
    }

    /** The audit listeners: the log line, the JMX counters, a named class, ServiceLoader entries and CDI. */
    private static List<AuditListener> listeners(Settings settings, ClassLoader loader, Email2faStats stats) {
        List<AuditListener> listeners = new ArrayList<>(List.of(new AuditLog(), stats));
        if (settings.auditListenerClass() != null) {
            listeners.add(Extensions.instantiate(settings.auditListenerClass(), AuditListener.class, "email2fa.audit.listener", loader));
        }
        ServiceLoader.load(AuditListener.class, loader).forEach(listeners::add);
        AuditListener cdi = CdiBeans.eventBridge(loader);
        if (cdi != null) {
            listeners.add(cdi);
        }
        return listeners;
    }

    /** Connects to the mail server once, sending nothing, and logs whether that worked; never delays deployment. */
    private static void checkMailInBackground(JakartaMailer mailer) {
        Thread check = new Thread(() -> {
            try {
                // Let the deployment finish first: a mail relay started by the application itself
                // (a development server in a listener) comes up after this module.
                Thread.sleep(2000);
                mailer.checkConnection();
                LOG.info("email2fa: mail self-test passed: connected to the mail server and said hello; nothing was sent");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | LinkageError e) {
                LOG.log(Level.WARNING, "email2fa: mail self-test FAILED, codes cannot be sent until this is fixed: " + e);
            }
        }, "email2fa-mail-check");
        check.setDaemon(true);
        check.start();
    }

    /**
     * The running module of this web application. It starts after the application's own
     * {@code ServletContextListener}s, so reach it from requests, tasks and later calls, not from
     * a listener's {@code contextInitialized}.
     *
     * @throws IllegalStateException if the email2fa filter is not declared, failed to start, has not
     *     started yet or has stopped
     */
    public static Email2fa from(ServletContext context) {
        Object module = context.getAttribute(CONTEXT_ATTRIBUTE);
        if (module instanceof Email2fa running) {
            return running;
        }
        throw new IllegalStateException("email2fa is not running in this application: either "
                + "io.github.email2fa.web.Email2faFilter is not declared in web.xml, or it was asked before the module "
                + "started (it starts after the listeners that web.xml declares) or after it stopped");
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

    /** Sign-in steps behind the limits. */
    public SignInService signIn() {
        return signIn;
    }

    /** Support tooling: unlock, cancel, status, test email. */
    public AccountSupport support() {
        return support;
    }

    /** Finds the client address behind trusted proxies. */
    public ClientAddress clientAddress() {
        return clientAddress;
    }

    /** Sends emails off the request thread. */
    public MailDispatcher mail() {
        return mail;
    }

    /** The JMX counters. */
    public Email2faStats stats() {
        return stats;
    }

    /**
     * Per-user second-factor state and every change to it, with its audit event and notice, on
     * the account store found at deployment (see {@link AccountStores}).
     */
    public AccountService accounts() {
        return accounts;
    }

    /** Who passkeys are checked for: the relying party set, or the one each request's host names. */
    public RelyingParty relyingParty() {
        return relyingParty;
    }

    /** Remembered devices: recognises a device's cookie at sign-in. */
    public RememberedDevices devices() {
        return devices;
    }

    /** Per account, the last security change, which the account's sessions must catch up with. */
    public SessionEpochs epochs() {
        return epochs;
    }

    /** The wall clock as the per-request checks read it: one volatile read, up to {@link CoarseClock#RESOLUTION} behind. */
    public CoarseClock coarseClock() {
        return coarseClock;
    }

    /** The wall clock every part of the module reads. */
    public Clock clock() {
        return clock;
    }

    /**
     * Call this when a user's password changes or is reset: every device remembered for that user
     * stops skipping the second factor, and a {@code devices_revoked} audit event is raised.
     *
     * @throws io.github.email2fa.account.AccountStoreException if the account store fails
     */
    public void passwordChanged(String subject) {
        accounts.passwordChanged(subject);
    }

    /**
     * Authenticator apps, with the key {@code email2fa.app.secretKey} points at (and the previous
     * one during a rotation); without it, apps are off: none can be added, and the settings page says so.
     *
     * @throws IllegalStateException if a key cannot be read or is not 32 bytes, or only the previous key is set
     */
    private static AuthenticatorApps authenticatorApps(AppSettings app, AccountStore store, SecureRandom random, Clock clock) {
        TotpSettings totp = new TotpSettings(TotpSettings.Algorithm.of(app.algorithm()), app.digits(), app.period(), app.skewSteps(),
                app.issuer());
        SecretBox box = null;
        if (app.secretKey() == null) {
            if (app.previousSecretKey() != null) {
                throw new IllegalStateException(ContextParams.APP_SECRET_KEY_PREVIOUS + " is set but " + ContextParams.APP_SECRET_KEY
                        + " is not. Fix: set " + ContextParams.APP_SECRET_KEY + " to the new key, or remove "
                        + ContextParams.APP_SECRET_KEY_PREVIOUS + ".");
            }
            LOG.info("email2fa: authenticator apps are off; set " + ContextParams.APP_SECRET_KEY + " to let users add one");
        } else {
            box = new SecretBox(appKey(ContextParams.APP_SECRET_KEY, app.secretKey()),
                    app.previousSecretKey() == null ? null : appKey(ContextParams.APP_SECRET_KEY_PREVIOUS, app.previousSecretKey()),
                    random);
            if (!store.keepsAuthenticatorApps()) {
                LOG.warning("email2fa: " + ContextParams.APP_SECRET_KEY + " is set, but the account store " + store.getClass().getName()
                        + " keeps no authenticator apps, so none can be added; implement its authenticator methods to offer them");
            } else {
                LOG.info("email2fa: authenticator apps are on: TOTP " + totp.algorithm() + ", " + totp.digits() + " digits, "
                        + totp.periodSeconds() + " s steps, " + totp.skewSteps() + " step(s) of skew, issuer '" + totp.issuer() + "'");
            }
        }
        return new AuthenticatorApps(store, box, new TotpVerifier(totp, clock), random, clock);
    }

    /** Passkeys on the account store, if they are on and the store keeps them; the log line says which. */
    private static Passkeys passkeys(PasskeyConfig config, AccountStore store, Clock clock) {
        Passkeys passkeys = new Passkeys(store, config.enabled(), clock);
        switch (passkeys.availability()) {
            case OFF -> LOG.info("email2fa: passkeys are off (" + ContextParams.PASSKEY_ENABLED + "=false)");
            case STORE_LACKS_PASSKEYS -> LOG.warning("email2fa: the account store " + store.getClass().getName()
                    + " keeps no passkeys, so none can be registered; implement its passkey methods to offer them, or set "
                    + ContextParams.PASSKEY_ENABLED + "=false to silence this");
            case AVAILABLE -> { }
        }
        return passkeys;
    }

    /**
     * The relying party of {@code email2fa.passkey.rpId} and {@code .origins}, checked now.
     *
     * @throws IllegalStateException naming the settings and what they accept, if the id or an origin is not accepted
     */
    private static RelyingParty relyingParty(Settings settings, SecureRandom random, Clock clock) {
        PasskeyConfig config = settings.passkey();
        if (!config.enabled()) {
            return RelyingParty.NONE;
        }
        try {
            RelyingParty party = new RelyingParty(settings.appName(), config.rpId(), config.origins(), config.userVerificationRequired(),
                    config.timeout(), random, clock);
            if (config.enabled()) {
                LOG.info("email2fa: " + party);
            }
            return party;
        } catch (IllegalArgumentException refused) {
            throw new IllegalStateException("email2fa: " + ContextParams.PASSKEY_RP_ID + "=" + config.rpId() + " and "
                    + ContextParams.PASSKEY_ORIGINS + "=" + config.origins() + " are not accepted: " + refused.getMessage()
                    + ". Fix: set " + ContextParams.PASSKEY_RP_ID + " to the site's host name and " + ContextParams.PASSKEY_ORIGINS
                    + " to the https:// origins users open, or remove both to use each request's host.", refused);
        }
    }

    /** An AES-256 key read from where the setting points: exactly 32 bytes. */
    private static byte[] appKey(String setting, String reference) {
        byte[] key = Secrets.key(setting, reference, SecretBox.KEY_BYTES, System::getenv, Email2fa::jndi);
        if (key.length != SecretBox.KEY_BYTES) {
            throw new IllegalStateException(setting + "=" + reference + " holds " + key.length + " bytes; AES-256 needs exactly "
                    + SecretBox.KEY_BYTES + ". Fix: 'openssl rand -base64 " + SecretBox.KEY_BYTES + "'.");
        }
        return key;
    }

    /**
     * The hasher of codes: with the key {@code email2fa.codeKey} points at (and the previous one
     * during a rotation); else a random key for this JVM's memory store, or the one key the grid
     * holds for a shared store, which the first node to start creates.
     */
    private static CodeHasher codeHasher(StoreSettings settings, SharedStore store, SecureRandom random) {
        if (settings.codeKey() == null) {
            if (settings.previousCodeKey() != null) {
                throw new IllegalStateException(ContextParams.CODE_KEY_PREVIOUS + " is set but " + ContextParams.CODE_KEY
                        + " is not. Fix: set " + ContextParams.CODE_KEY + " to the new key, or remove " + ContextParams.CODE_KEY_PREVIOUS + ".");
            }
            if (settings.kind() == StoreSettings.Kind.MEMORY) {
                return CodeHasher.withRandomKey(random);
            }
            SharedMap<String> keys = store.map(CODE_KEY_MAP, GRID_KEY_LIFETIME);
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            keys.putIfAbsent(CODE_KEY_ENTRY, Base64.getEncoder().encodeToString(fresh));
            return new CodeHasher(Base64.getDecoder().decode(keys.get(CODE_KEY_ENTRY)));
        }
        byte[] key = Secrets.key(ContextParams.CODE_KEY, settings.codeKey(), 32, System::getenv, Email2fa::jndi);
        byte[] previous = settings.previousCodeKey() == null ? null
                : Secrets.key(ContextParams.CODE_KEY_PREVIOUS, settings.previousCodeKey(), 32, System::getenv, Email2fa::jndi);
        return new CodeHasher(key, previous);
    }

    /**
     * Where the short-lived state lives: this JVM's Caffeine maps, or the data grid that
     * {@code email2fa.store=jcache} names, checked before anything uses it. The JCache classes are
     * reached only in that case, so a server without JCache never loads them.
     */
    private static SharedStore sharedStore(Settings settings, ServletContext context, Ticker ticker) {
        if (settings.store().kind() == StoreSettings.Kind.MEMORY) {
            SharedStore store = new CaffeineSharedStore(settings.cacheMaximumSize(), ticker);
            LOG.info("email2fa keeps its short-lived state in " + store.description());
            return store;
        }
        ClassLoader loader = context.getClassLoader();
        return JCacheStores.open(settings.store(), cachePrefix(context), loader, Email2fa::jndi,
                type -> CdiBeans.find(type, loader));
    }

    /**
     * Cache names start with the application's virtual server and context path, each escaped so no
     * two applications can come out alike ({@code /shop.admin} and {@code /shop/admin} stay apart),
     * and two applications on one grid never share state: {@code email2fa.server.%2Fshop}.
     */
    static String cachePrefix(ServletContext context) {
        String path = context.getContextPath();
        String server = context.getVirtualServerName();
        return "email2fa." + escaped(server == null ? "" : server) + "." + escaped(path == null || path.isEmpty() ? "/" : path);
    }

    /** Letters, digits, {@code -} and {@code _} as they are; every other byte of the UTF-8 text as {@code %XX}. */
    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                out.append(c);
            } else {
                out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** The map of the grid's own code key, when the operator gave none. */
    private static final String CODE_KEY_MAP = "keys";
    private static final String CODE_KEY_ENTRY = "codeKey";
    /** Long enough to outlive any deployment; a new key after it only asks pending sign-ins for a new code. */
    private static final Duration GRID_KEY_LIFETIME = Duration.ofDays(3650);

    /** What JNDI binds under {@code name}, or {@code null}. */
    private static Object jndi(String name) {
        try {
            return new javax.naming.InitialContext().lookup(name);
        } catch (javax.naming.NamingException notBound) {
            return null;
        }
    }

    /** The account changes over {@code store}; a store other nodes share is polled for their changes. */
    private static SessionEpochs epochs(SharedStore store, Clock clock) {
        SessionEpochs epochs = new SessionEpochs(store, clock);
        if (!(store instanceof CaffeineSharedStore)) {
            epochs.startPolling();
        }
        return epochs;
    }

    @Override
    public void close() {
        coarseClock.close();
        epochs.close();
        stats.unregister();
        mail.close();
        if (ownMailer != null) {
            ownMailer.close();
        }
        accountStore.close();
    }
}
