package io.github.email2fa.web;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.Set;

/**
 * Registers the module's servlet at {@code /email2fa/*} when the JAR is on the web
 * application's class path, so {@code web.xml} only needs the filter. An application that
 * declares a servlet named {@code email2fa} itself keeps its own declaration.
 */
public final class Email2faInitializer implements ServletContainerInitializer {

    /** The servlet name the module registers under. */
    public static final String SERVLET_NAME = "email2fa";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if (context.getServletRegistration(SERVLET_NAME) != null) {
            return;
        }
        ServletRegistration.Dynamic servlet = context.addServlet(SERVLET_NAME, Email2faServlet.class);
        if (servlet != null) {
            servlet.addMapping("/email2fa/*");
        }
    }
}
