package io.github.email2fa.it.containers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Small changes to the example WARs that the application-server tests need. */
final class AppServerWars {

    private AppServerWars() {
    }

    /**
     * Adds context params the example's {@code web.xml} does not have (such as
     * {@code email2fa.mail.session} or {@code email2fa.datasource}), as a user of that server would
     * write them, before the first existing one.
     */
    static WebArchive withNewContextParams(WebArchive war, Map<String, String> params) {
        String xml;
        try (InputStream in = war.get("WEB-INF/web.xml").getAsset().openStream()) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder added = new StringBuilder();
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (xml.contains("<param-name>" + param.getKey() + "</param-name>")) {
                throw new IllegalArgumentException("web.xml already has " + param.getKey());
            }
            added.append("<context-param>\n    <param-name>").append(param.getKey()).append("</param-name>\n    <param-value>")
                    .append(param.getValue()).append("</param-value>\n  </context-param>\n  ");
        }
        int at = xml.indexOf("<context-param>");
        return war.setWebXML(new StringAsset(xml.substring(0, at) + added + xml.substring(at)));
    }
}
