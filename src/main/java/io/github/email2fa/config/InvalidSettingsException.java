package io.github.email2fa.config;

import java.util.List;

/** Thrown at start-up when settings are unknown, malformed or missing; the message lists every problem. */
public final class InvalidSettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * @param problems one line per bad setting, each naming the key, its value and the accepted form
     */
    public InvalidSettingsException(List<String> problems) {
        super("email2fa cannot start: " + problems.size() + " invalid setting(s):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per bad setting. */
    public List<String> problems() {
        return problems;
    }
}
