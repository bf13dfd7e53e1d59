package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import io.github.email2fa.config.AccountSettings;
import io.github.email2fa.config.Settings;
import io.github.email2fa.signin.SignInService;
import io.github.email2fa.subject.SubjectResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * The web layer of one running module, built once when the filter or servlet starts: each
 * handler gets exactly the services and settings it needs, and the clock, so nothing in
 * {@code web} reads the wall clock or looks the module up per request.
 */
final class WebParts {

    final Settings settings;
    final PathRules exclusions;
    final PathRules stepUpPaths;
    final HttpsRule https;
    final StepUpRule stepUp;
    final PolicyGate policy;
    final FlowStarter flows;
    final RememberedDeviceCheck rememberedDevices;
    final ChallengePage challengePage;
    final CodeActions codes;
    final SignOut signOut;
    final ModuleScript script;
    final ModuleScript passkeyScript;
    final RecommendationPage recommendation;
    final SettingsPage settingsPage;
    final SubjectResolver subjects;
    final VerifiedSessions sessions;
    final SignInService signIn;
    final boolean rejectUrlSessionIds;
    private final Actors actors;

    /** The client's address, behind trusted proxies resolved. */
    String clientIp(HttpServletRequest request) {
        return actors.clientIp(request);
    }

    /** The parts on the module's own clock. */
    static WebParts of(Email2fa module) {
        return new WebParts(module, module.clock(), module.coarseClock());
    }

    /** The parts on {@code clock}, which tests set to a fixed or moving time, read exactly on every request. */
    WebParts(Email2fa module, Clock clock) {
        this(module, clock, clock::millis);
    }

    /**
     * @param clock the wall clock
     * @param requestMillis the same clock as the per-request checks read it (coarser, and cheaper)
     */
    private WebParts(Email2fa module, Clock clock, LongSupplier requestMillis) {
        this.subjects = module.subjects();
        this.settings = module.settings();
        AccountSettings accounts = settings.accounts();
        Actors actors = new Actors(module.clientAddress());
        this.actors = actors;
        this.signIn = module.signIn();
        this.rejectUrlSessionIds = settings.session().rejectUrlIds();
        EmailLookup emails = new EmailLookup(module.emails());
        this.sessions = new VerifiedSessions(new AccountChanges(module.epochs()), settings.session().verifiedMaxAge(), clock,
                requestMillis, module.signIn(), module.emails(), actors);
        this.exclusions = new PathRules(settings.exclusions());
        this.stepUpPaths = new PathRules(accounts.stepUpPaths());
        this.https = new HttpsRule(settings.requireHttps(), module.clientAddress());
        this.stepUp = new StepUpRule(accounts, module.accounts().apps()::hasApp,
                subject -> module.accounts().remainingBackupCodes(subject) > 0, module.accounts().passkeys()::hasPasskey, clock);
        PasskeyCeremonies ceremonies = new PasskeyCeremonies(module.relyingParty(), module.clientAddress());
        this.policy = new PolicyGate(accounts.policy(), module.accounts(), sessions);
        this.flows = new FlowStarter(module.challenges()::newId);
        int rememberDays = accounts.rememberDeviceDays();
        this.rememberedDevices = new RememberedDeviceCheck(rememberDays > 0, module.devices(), module.signIn(), module.emails(),
                https, actors, sessions);
        this.challengePage = new ChallengePage(module.challenges(), module.signIn(), module.accounts(), flows, actors, emails, stepUp, sessions,
                ceremonies, settings.challengePage(), rememberDays, clock);
        SignInCompletion completion = new SignInCompletion(module.signIn(), module.accounts(), actors, https, sessions, rememberDays);
        this.codes = new CodeActions(module.signIn(), module.accounts(), challengePage, completion, emails, actors, stepUp, sessions,
                ceremonies, clock);
        this.signOut = new SignOut(module.challenges(), settings.loginPage());
        this.script = new ModuleScript("submit-once.js");
        this.passkeyScript = new ModuleScript("passkey.js");
        this.recommendation = new RecommendationPage(policy);
        this.settingsPage = new SettingsPage(module.accounts(), policy, stepUp, flows, emails, actors, sessions, ceremonies,
                clock);
    }
}
