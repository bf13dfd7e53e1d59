package io.github.email2fa.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Covers {@link ClientAddress}'s promise never to look a name up in DNS, neither while the settings are
 * parsed nor, worse, for every request with a forged {@code X-Forwarded-For}.
 *
 * <p>On Java 17 the only portable way to see a lookup is the security manager: {@code InetAddress}
 * calls {@code checkConnect(host, -1)} exactly when it treats its argument as a host name.
 */
@EnabledForJreRange(max = JRE.JAVA_17)
@SuppressWarnings("removal")
class ClientAddressDnsTest {

    private static final ClientAddress BEHIND_PRIVATE_PROXY = new ClientAddress(List.of("10.0.0.0/8"));

    /** The host names {@code action} asked {@code InetAddress} to resolve. */
    private static List<String> lookupsDuring(Runnable action) {
        List<String> lookups = new CopyOnWriteArrayList<>();
        SecurityManager recorder = new SecurityManager() {
            @Override
            public void checkPermission(Permission permission) {
            }

            @Override
            public void checkPermission(Permission permission, Object context) {
            }

            @Override
            public void checkConnect(String host, int port) {
                if (port == -1) {
                    lookups.add(host);
                }
            }
        };
        try {
            System.setSecurityManager(recorder);
        } catch (UnsupportedOperationException disallowed) {
            Assumptions.abort("this JVM does not allow a security manager");
        }
        try {
            action.run();
        } finally {
            System.setSecurityManager(null);
        }
        return lookups;
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"localhost", "example.com", "999.0.0.0/8", "1.2.3.256", "300.300.300.300/32"})
    void isValidCidrWhenNotAnAddressThenNoDnsLookup(String block) {
        assertEquals(List.of(), lookupsDuring(() -> ClientAddress.isValidCidr(block)));
    }

    @ParameterizedTest(name = "X-Forwarded-For ''{0}''")
    @ValueSource(strings = {"evil.example", "999.1.1.1", "198.51.100.7, 1.2.3.256"})
    void resolveWhenForwardedForIsNotAnAddressThenNoDnsLookup(String forwardedFor) {
        assertEquals(List.of(), lookupsDuring(() -> {
            try {
                BEHIND_PRIVATE_PROXY.resolve("10.1.2.3", forwardedFor);
            } catch (RuntimeException shownElsewhere) {
                // ClientAddressTest reports the exception itself; this test is about the lookup.
            }
        }));
    }
}
