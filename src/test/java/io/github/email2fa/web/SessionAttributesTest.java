package io.github.email2fa.web;

import static io.github.email2fa.web.WebModule.browserGet;
import static io.github.email2fa.web.WebModule.form;
import static io.github.email2fa.web.WebModule.route;
import static io.github.email2fa.web.WebModule.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.testing.FakeSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Covers what the module keeps in the {@code HttpSession} for a cluster that replicates sessions:
 * every attribute is {@link java.io.Serializable} and small, and a session copied to another node
 * (serialised and read back) still counts as verified there.
 */
class SessionAttributesTest {

    /** Bytes one attribute may take when serialised: session replication copies them on every change. */
    private static final int MOST_BYTES_PER_ATTRIBUTE = 600;

    private final WebModule web = WebModule.start();

    @AfterEach
    void close() {
        web.close();
    }

    @Test
    void attributesWhenSignedInThroughTheFlowThenEachSerialisableSmallAndAliveOnAnotherNode() throws Exception {
        FakeSession session = signedIn();
        web.startFlow(session, "/account");
        String code = web.issueCode(session);
        web.serve(route("GET", Routes.CHALLENGE).session(session));
        Map<String, Object> duringFlow = moduleAttributes(session);
        web.serve(form(Routes.VERIFY, session).param("code", code));
        Map<String, Object> afterFlow = moduleAttributes(session);

        for (Map<String, Object> attributes : List.of(duringFlow, afterFlow)) {
            for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
                byte[] bytes = serialise(attribute.getValue());
                assertTrue(bytes.length <= MOST_BYTES_PER_ATTRIBUTE, attribute.getKey() + " takes " + bytes.length + " bytes");
                assertEquals(attribute.getValue().getClass(), deserialise(bytes).getClass());
            }
        }
        assertTrue(duringFlow.containsKey(SessionState.FLOW) && duringFlow.containsKey("io.github.email2fa.csrf"), "in the flow: " + duringFlow.keySet());
        assertTrue(afterFlow.containsKey(SessionState.VERIFIED), "verified: " + afterFlow.keySet());

        FakeSession onOtherNode = signedIn();
        for (Map.Entry<String, Object> attribute : afterFlow.entrySet()) {
            onOtherNode.setAttribute(attribute.getKey(), deserialise(serialise(attribute.getValue())));
        }
        assertTrue(web.throughFilter(browserGet("/account", onOtherNode)).passed(), "the copied session is still verified");
    }

    private static Map<String, Object> moduleAttributes(FakeSession session) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String name : Collections.list(session.getAttributeNames())) {
            if (name.startsWith("io.github.email2fa.")) {
                attributes.put(name, session.getAttribute(name));
            }
        }
        return attributes;
    }

    private static byte[] serialise(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserialise(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
