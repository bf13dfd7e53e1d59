package io.github.email2fa.web;

import io.github.email2fa.config.Settings;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Builds the module when the application starts, and closes it when it stops. Registered by
 * {@link Email2faInitializer}; it runs as a listener because only then are the application's JNDI
 * names ({@code java:comp/env}) and CDI beans certain to be ready on every server. An exception
 * here fails the deployment.
 */
final class Email2faLifecycle implements ServletContextListener {

    private final Settings settings;

    Email2faLifecycle(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Email2faInitializer.start(event.getServletContext(), settings);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Email2faInitializer.stop(event.getServletContext());
    }
}
