package io.github.email2fa.example;

import java.util.Map;

/** The example's user table: what a legacy application keeps in its own database. */
public final class DemoUsers {

    /** One demo account. */
    public record User(String name, String password, String email) {
    }

    private static final Map<String, User> USERS = Map.of(
            "alice", new User("alice", "alice", "alice@example.com"),
            "bob", new User("bob", "bob", "bob@example.com"));

    private DemoUsers() {
    }

    /** The user with this name and password, or {@code null}. Demo only: real applications hash passwords. */
    public static User authenticate(String name, String password) {
        User user = name == null ? null : USERS.get(name);
        return user != null && user.password().equals(password) ? user : null;
    }

    /** The user with this name, or {@code null}. */
    public static User find(String name) {
        return USERS.get(name);
    }
}
