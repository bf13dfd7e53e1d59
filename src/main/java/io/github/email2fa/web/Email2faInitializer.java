package io.github.email2fa.web;

import io.github.email2fa.Email2fa;
import io.github.email2fa.config.InvalidSettingsException;
import io.github.email2fa.config.Settings;
import io.github.email2fa.config.SettingsSource;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Starts the module while the web application deploys, when {@code web.xml} declares
 * {@link Email2faFilter}.
 *
 * <p>Settings are parsed here rather than in {@code Filter.init}: servers such as Payara log a
 * failing filter and deploy the application anyway, while a failing initializer stops the
 * deployment, which is what a bad security setting must do. The initializer also registers the
 * module's servlet at {@code /email2fa/*}, unless the application declares a servlet named
 * {@code email2fa} itself.
 */
public final class Email2faInitializer implements ServletContainerInitializer {

    /** The servlet name the module registers under. */
    public static final String SERVLET_NAME = "email2fa";

    private static final Logger LOG = Logger.getLogger(Email2faInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        FilterRegistration filter = declaredFilter(context);
        if (filter == null) {
            return;
        }
        start(context, filter.getInitParameters());
        if (context.getServletRegistration(SERVLET_NAME) == null) {
            ServletRegistration.Dynamic servlet = context.addServlet(SERVLET_NAME, Email2faServlet.class);
            if (servlet != null) {
                servlet.addMapping("/email2fa/*");
            }
        }
    }

    /**
     * Parses the settings, builds the module and publishes it in the context.
     *
     * @throws IllegalStateException naming every bad setting; the deployment then fails
     */
    static Email2fa start(ServletContext context, java.util.Map<String, String> filterInitParams) {
        try {
            Settings settings = SettingsSource.load(context, filterInitParams, System.getProperties());
            Email2fa module = Email2fa.start(settings, context);
            context.setAttribute(Email2fa.CONTEXT_ATTRIBUTE, module);
            LOG.info(() -> "email2fa started in " + context.getContextPath() + "/ with " + settings);
            if (!settings.requireHttps()) {
                LOG.warning("email2fa.requireHttps=false in " + context.getContextPath() + "/: codes, CSRF tokens and "
                        + "session cookies may travel unencrypted. Use this only for local development or tests.");
            }
            return module;
        } catch (InvalidSettingsException e) {
            LOG.severe(e.getMessage());
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException e) {
            String message = "email2fa cannot start: " + e;
            LOG.severe(message);
            throw new IllegalStateException(message, e);
        }
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
