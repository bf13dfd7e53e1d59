package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import io.github.email2fa.config.InvalidSettingsException;
import io.github.email2fa.config.Settings;
import io.github.email2fa.config.SettingsSource;
import io.github.email2fa.mail.MailClasses;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Starts the module while the web application deploys, when {@code web.xml} declares
 * {@link Email2faFilter}.
 *
 * <p>Start-up has two steps, and either failing stops the deployment with one message that begins
 * {@code email2fa cannot start:}. Here, in the initializer, the settings are parsed and Jakarta
 * Mail is looked for: servers such as Payara log a failing filter and deploy the application anyway,
 * while a failing initializer stops it. Then a {@link Email2faLifecycle} listener, which runs once
 * the application's JNDI names and CDI beans are ready, builds the module: it finds the mail session
 * and the account store and checks the database. The initializer also registers the module's
 * servlet at {@code /email2fa/*}, unless the application declares a servlet named {@code email2fa}.
 */
public final class Email2faInitializer implements ServletContainerInitializer {

    /** The servlet name the module registers under. */
    public static final String SERVLET_NAME = "email2fa";

    /** How every start-up failure message begins, so operators can search the log for it. */
    public static final String CANNOT_START = "email2fa cannot start: ";

    private static final Logger LOG = Logger.getLogger(Email2faInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        FilterRegistration filter = declaredFilter(context);
        if (filter == null) {
            return;
        }
        Settings settings = prepare(context, filter.getInitParameters());
        SessionCookies.configure(context, settings);
        context.addListener(new Email2faLifecycle(settings));
        if (context.getServletRegistration(SERVLET_NAME) == null) {
            ServletRegistration.Dynamic servlet = context.addServlet(SERVLET_NAME, Email2faServlet.class);
            if (servlet != null) {
                servlet.addMapping(Routes.MAPPING);
            }
        }
    }

    /**
     * The first step: parses the settings and checks that Jakarta Mail is there.
     *
     * @throws IllegalStateException naming every bad setting, or the missing mail jars; the deployment then fails
     */
    static Settings prepare(ServletContext context, Map<String, String> filterInitParams) {
        try {
            Settings settings = SettingsSource.load(context, filterInitParams, System.getProperties());
            if (settings.mailerClass() == null) {
                // An application's own mailer may not use Jakarta Mail at all.
                MailClasses.require(context.getClassLoader());
            }
            return settings;
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            throw cannotStart(context, e);
        }
    }

    /**
     * The second step: builds the module and publishes it in the context.
     *
     * @throws IllegalStateException naming the part that is missing and how to provide it; the deployment then fails
     */
    static Email2fa start(ServletContext context, Settings settings) {
        try {
            Email2fa module = Email2fa.start(settings, context);
            context.setAttribute(Email2fa.CONTEXT_ATTRIBUTE, module);
            LOG.info(() -> "email2fa started in " + context.getContextPath() + "/ with " + settings);
            if (!settings.requireHttps()) {
                LOG.warning("email2fa.requireHttps=false in " + context.getContextPath() + "/: codes, CSRF tokens and "
                        + "session cookies may travel unencrypted. Use this only for local development or tests.");
            }
            return module;
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            throw cannotStart(context, e);
        }
    }

    /** Withdraws the module from the context and closes it, if it runs there. */
    static void stop(ServletContext context) {
        if (context.getAttribute(Email2fa.CONTEXT_ATTRIBUTE) instanceof Email2fa module) {
            context.removeAttribute(Email2fa.CONTEXT_ATTRIBUTE);
            module.close();
        }
    }

    /**
     * Logs the one SEVERE message of a failed start and returns the exception that fails the
     * deployment. The message names the application, for servers that run several:
     * {@code email2fa cannot start: [/shop] email2fa.datasource='...': ...}.
     */
    private static IllegalStateException cannotStart(ServletContext context, Throwable e) {
        String detail = e instanceof InvalidSettingsException || e instanceof IllegalStateException ? e.getMessage() : e.toString();
        if (detail.startsWith(CANNOT_START)) {
            detail = detail.substring(CANNOT_START.length());
        }
        String message = CANNOT_START + "[" + context.getContextPath() + "/] " + detail;
        LOG.severe(message);
        return new IllegalStateException(message, e);
    }

    private static FilterRegistration declaredFilter(ServletContext context) {
        for (FilterRegistration registration : context.getFilterRegistrations().values()) {
            if (Email2faFilter.class.getName().equals(registration.getClassName())) {
                return registration;
            }
        }
        return null;
    }
}
