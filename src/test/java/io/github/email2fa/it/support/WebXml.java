package io.github.email2fa.it.support;

import java.util.Map;

/** The test WARs' {@code web.xml}: the example application's servlets, the email2fa filter, and test servlets. */
final class WebXml {

    private WebXml() {
    }

    static String example(Map<String, String> contextParams) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                """);
        contextParams.forEach((name, value) -> xml.append("  <context-param><param-name>").append(name)
                .append("</param-name><param-value>").append(value).append("</param-value></context-param>\n"));
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
        servlet(xml, "forward", ForwardServlet.class.getName(), "/public/forward");
        servlet(xml, "include", IncludeServlet.class.getName(), "/public/include");
        xml.append("</web-app>\n");
        return xml.toString();
    }

    private static void servlet(StringBuilder xml, String name, String type, String pattern) {
        xml.append("  <servlet><servlet-name>").append(name).append("</servlet-name><servlet-class>").append(type)
                .append("</servlet-class></servlet>\n  <servlet-mapping><servlet-name>").append(name)
                .append("</servlet-name><url-pattern>").append(pattern).append("</url-pattern></servlet-mapping>\n");
    }
}
