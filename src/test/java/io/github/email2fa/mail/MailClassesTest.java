package io.github.email2fa.mail;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The start-up check for Jakarta Mail, which Tomcat and Jetty do not ship. */
class MailClassesTest {

    @Test
    void requireWhenMailClassesMissingThenIllegalStateNamingTheJarsAndWhereToPutThem() {
        ClassLoader withoutMail = new ClassLoader(ClassLoader.getPlatformClassLoader()) { };

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MailClasses.require(withoutMail));

        assertTrue(e.getMessage().startsWith("the Jakarta Mail classes are missing (java.lang.ClassNotFoundException: "
                + "jakarta.mail.Session). This server does not provide Jakarta Mail"), e.getMessage());
        assertTrue(e.getMessage().contains("add " + MailClasses.JARS + " to the server's library folder (Tomcat: "
                + "$CATALINA_BASE/lib; Jetty: $JETTY_BASE/lib/ext) or to the application's WEB-INF/lib"), e.getMessage());
    }

    @Test
    void requireWhenMailAndAngusPresentThenPasses() {
        assertDoesNotThrow(() -> MailClasses.require(MailClassesTest.class.getClassLoader()));
    }
}
