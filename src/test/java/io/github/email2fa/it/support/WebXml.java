package io.github.email2fa.it.support;

import java.util.Map;

/** The test WARs' {@code web.xml}: the example application's servlets, the email2fa filter, and test servlets. */
final class WebXml {

    private WebXml() {
    }

    static String example(Map<String, String> contextParams) {
        return example(contextParams, "", "");
    }

    /**
     * @param filtersFirst filter declarations and mappings that run before the email2fa filter
     * @param moreServlets further servlet declarations and mappings
     */
    static String example(Map<String, String> contextParams, String filtersFirst, String moreServlets) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <distributable/>
                """);
        contextParams.forEach((name, value) -> xml.append("  <context-param><param-name>").append(name)
                .append("</param-name><param-value>").append(value).append("</param-value></context-param>\n"));
        xml.append(filtersFirst);
        xml.append("""
                  <filter>
                    <filter-name>email2fa</filter-name>
                    <filter-class>io.github.email2fa.web.Email2faFilter</filter-class>
                    <async-supported>true</async-supported>
                  </filter>
                  <filter-mapping>
                    <filter-name>email2fa</filter-name>
                    <url-pattern>/*</url-pattern>
                    <dispatcher>REQUEST</dispatcher>
                    <dispatcher>FORWARD</dispatcher>
                    <dispatcher>INCLUDE</dispatcher>
                    <dispatcher>ASYNC</dispatcher>
                  </filter-mapping>
                """);
        servlet(xml, "login", "io.github.email2fa.example.LoginServlet", "/login");
        servlet(xml, "account", "io.github.email2fa.example.AccountServlet", "/account");
        servlet(xml, "logout", "io.github.email2fa.example.LogoutServlet", "/logout");
        servlet(xml, "delete", "io.github.email2fa.example.DeleteAccountServlet", "/account/delete");
        servlet(xml, "forward", ForwardServlet.class.getName(), "/public/forward");
        servlet(xml, "include", IncludeServlet.class.getName(), "/public/include");
        xml.append(moreServlets);
        xml.append("</web-app>\n");
        return xml.toString();
    }

    /** A {@code <session-config>} in which the application gives its session cookie a {@code SameSite} value of its own. */
    static String sameSiteCookie(String value) {
        return """
                  <session-config>
                    <cookie-config>
                      <attribute><attribute-name>SameSite</attribute-name><attribute-value>%s</attribute-value></attribute>
                    </cookie-config>
                  </session-config>
                """.formatted(value);
    }

    /** The extra parts of the abuse-resistance test application: test login, roles, admin page, probe. */
    static String abuse(Map<String, String> contextParams) {
        String roles = """
                  <filter><filter-name>roles</filter-name><filter-class>%s</filter-class></filter>
                  <filter-mapping><filter-name>roles</filter-name><url-pattern>/admin/*</url-pattern></filter-mapping>
                """.formatted(RoleFilter.class.getName());
        StringBuilder servlets = new StringBuilder();
        servlet(servlets, "test-login", TestLoginServlet.class.getName(), "/public/test-login");
        servlet(servlets, "probe", ProbeServlet.class.getName(), "/public/probe/*");
        servlet(servlets, "admin", "io.github.email2fa.web.AdminServlet", "/admin/email2fa");
        servlet(servlets, "store-outage", StoreOutageServlet.class.getName(), "/public/store-outage");
        return example(contextParams, roles, servlets.toString());
    }

    private static void servlet(StringBuilder xml, String name, String type, String pattern) {
        xml.append("  <servlet><servlet-name>").append(name).append("</servlet-name><servlet-class>").append(type)
                .append("</servlet-class></servlet>\n  <servlet-mapping><servlet-name>").append(name)
                .append("</servlet-name><url-pattern>").append(pattern).append("</url-pattern></servlet-mapping>\n");
    }
}
