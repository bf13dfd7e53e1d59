package io.github.email2fa.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.email2fa.config.SettingsParser;
import io.github.email2fa.testing.FakeRequest;
import io.github.email2fa.testing.FakeResponse;
import io.github.email2fa.testing.ServletFakes;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The session cookie's {@code SameSite}: set at start-up where the application set none, read
 * from {@code web.xml} where the container does not, and written into the {@code Set-Cookie}
 * header where the container leaves it out.
 */
class SameSiteCookiesTest {

    private static final String SESSION_COOKIE = "JSESSIONID=6F2C1A9E0B7D; Path=/shop; HttpOnly";
    private static final String DEVICE_COOKIE = "email2fa-device=abc; Path=/shop; Max-Age=2592000; HttpOnly; SameSite=Strict";

    private final SameSiteCookies lax = new SameSiteCookies("JSESSIONID", "Lax");

    @Test
    void fixWhenSessionCookieHasNoSameSiteThenAddedAndOtherCookiesKept() {
        FakeResponse response = new FakeResponse();
        response.addHeader("Set-Cookie", DEVICE_COOKIE);
        response.addHeader("Set-Cookie", SESSION_COOKIE);

        lax.fix(response);

        assertEquals(List.of(DEVICE_COOKIE, SESSION_COOKIE + "; SameSite=Lax"), List.copyOf(response.getHeaders("Set-Cookie")));
    }

    @Test
    void fixWhenSessionCookieHasItsOwnSameSiteThenUnchanged() {
        FakeResponse response = new FakeResponse();
        response.addHeader("Set-Cookie", SESSION_COOKIE + "; SameSite=Strict");

        lax.fix(response);

        assertEquals(List.of(SESSION_COOKIE + "; SameSite=Strict"), List.copyOf(response.getHeaders("Set-Cookie")));
    }

    @Test
    void fixWhenKeepOrCommittedThenUnchanged() {
        FakeResponse committed = new FakeResponse();
        committed.addHeader("Set-Cookie", SESSION_COOKIE);
        committed.commit();
        FakeResponse kept = new FakeResponse();
        kept.addHeader("Set-Cookie", SESSION_COOKIE);

        lax.fix(committed);
        new SameSiteCookies("JSESSIONID", null).fix(kept);

        assertEquals(List.of(SESSION_COOKIE), List.copyOf(committed.getHeaders("Set-Cookie")));
        assertEquals(List.of(SESSION_COOKIE), List.copyOf(kept.getHeaders("Set-Cookie")));
    }

    @Test
    void guardWhenBodyIsWrittenAfterTheSessionCookieWasAddedThenTheHeaderIsFixedFirst() throws Exception {
        FakeResponse response = new FakeResponse();
        HttpServletResponse guarded = lax.guard(response);
        guarded.addHeader("Set-Cookie", SESSION_COOKIE);

        guarded.getWriter();

        assertEquals(List.of(SESSION_COOKIE + "; SameSite=Lax"), List.copyOf(response.getHeaders("Set-Cookie")));
        assertSame(guarded, lax.guard(guarded), "guarded once");
    }

    @Test
    void filterWhenAnonymousRequestGetsASessionCookieThenItCarriesSameSite() throws Exception {
        try (WebModule web = WebModule.start()) {
            FakeResponse response = new FakeResponse();

            web.filter.doFilter(FakeRequest.get("/login"), response, (req, res) ->
                    ((HttpServletResponse) res).addHeader("Set-Cookie", SESSION_COOKIE));

            assertEquals(List.of(SESSION_COOKIE + "; SameSite=Lax"), List.copyOf(response.getHeaders("Set-Cookie")));
        }
    }

    @Test
    void declaredInWebXmlWhenCookieConfigHasSameSiteThenItsValue() {
        assertEquals("Strict", SessionCookies.declaredInWebXml(context(ServletFakes.sessionCookieConfig(), """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <session-config><cookie-config>
                    <attribute><attribute-name>Partitioned</attribute-name><attribute-value>true</attribute-value></attribute>
                    <attribute><attribute-name>SameSite</attribute-name><attribute-value> Strict </attribute-value></attribute>
                  </cookie-config></session-config>
                </web-app>""")));
    }

    @Test
    void declaredInWebXmlWhenNoneOrADoctypeOrNoFileThenNull() {
        assertNull(SessionCookies.declaredInWebXml(context(ServletFakes.sessionCookieConfig(), "<web-app/>")));
        assertNull(SessionCookies.declaredInWebXml(context(ServletFakes.sessionCookieConfig(),
                "<!DOCTYPE web-app [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><web-app>&x;</web-app>")), "DTDs are refused");
        assertNull(SessionCookies.declaredInWebXml(context(ServletFakes.sessionCookieConfig(), null)));
    }

    @Test
    void configureWhenApplicationSetNothingThenModulesValue() {
        SessionCookieConfig cookie = ServletFakes.sessionCookieConfig();

        SessionCookies.configure(context(cookie, null), settings("Lax"));

        assertEquals("Lax", cookie.getAttribute("SameSite"));
    }

    @Test
    void configureWhenWebXmlSaysStrictButContainerIgnoredItThenStrict() {
        SessionCookieConfig cookie = ServletFakes.sessionCookieConfig();

        SessionCookies.configure(context(cookie, sameSiteWebXml("Strict")), settings("Lax"));

        assertEquals("Strict", cookie.getAttribute("SameSite"));
    }

    @Test
    void configureWhenApplicationSetItOrKeepThenUnchanged() {
        SessionCookieConfig own = ServletFakes.sessionCookieConfig();
        own.setAttribute("SameSite", "None");
        SessionCookieConfig kept = ServletFakes.sessionCookieConfig();

        SessionCookies.configure(context(own, null), settings("Lax"));
        SessionCookies.configure(context(kept, null), settings("keep"));

        assertEquals("None", own.getAttribute("SameSite"));
        assertNull(kept.getAttribute("SameSite"));
    }

    private static String sameSiteWebXml(String value) {
        return "<web-app><session-config><cookie-config><attribute><attribute-name>SameSite</attribute-name><attribute-value>"
                + value + "</attribute-value></attribute></cookie-config></session-config></web-app>";
    }

    private static io.github.email2fa.config.Settings settings(String sameSite) {
        return SettingsParser.parse(Map.of("email2fa.smtp.host", "127.0.0.1", "email2fa.smtp.from", "no-reply@example.com",
                "email2fa.session.sameSite", sameSite), "Shop");
    }

    /** A context whose session cookie is {@code cookie} and whose {@code WEB-INF/web.xml} is {@code webXml} (or none). */
    private static ServletContext context(SessionCookieConfig cookie, String webXml) {
        ServletContext base = ServletFakes.servletContext();
        return (ServletContext) Proxy.newProxyInstance(getClassLoader(), new Class<?>[] {ServletContext.class}, (self, method, args) ->
                switch (method.getName()) {
                    case "getSessionCookieConfig" -> cookie;
                    case "getResourceAsStream" -> "/WEB-INF/web.xml".equals(args[0]) && webXml != null
                            ? new ByteArrayInputStream(webXml.getBytes(StandardCharsets.UTF_8)) : null;
                    default -> method.invoke(base, args);
                });
    }

    private static ClassLoader getClassLoader() {
        return SameSiteCookiesTest.class.getClassLoader();
    }
}
