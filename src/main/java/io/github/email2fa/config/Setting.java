package io.github.email2fa.config;

/**
 * One setting as {@link KnownSettings} declares it: its name, its default, the form its value
 * takes, and whether the value is a secret.
 *
 * <p>The default is given as an operator would write it in {@code web.xml} ({@code 5m},
 * {@code 1m,5m,15m}, {@code true}) and read by the setting's own form, so a default the form
 * refuses fails at once, when the class loads.
 *
 * @param name the {@code <param-name>}, one of the {@link ContextParams} names
 * @param defaultValue the value when the setting is unset or blank, or {@code null} when there is none
 * @param shownDefault the default as the README's settings table shows it: the default as written,
 *                     {@code none} when there is none (or it is empty), or in words when it is worked
 *                     out at start-up ({@code 25 / 587 / 465 by tls})
 * @param form the form the value takes
 * @param secret whether the value is masked in every message and log line
 * @param <T> the type of the value
 */
record Setting<T>(String name, T defaultValue, String shownDefault, Form<T> form, boolean secret) {

    /** How the README shows a setting without a default. */
    static final String NONE = "none";

    /**
     * Declares a setting.
     *
     * @param name the {@code <param-name>}
     * @param defaultValue the default as written in {@code web.xml} (its {@code String.valueOf}), or {@code null}
     * @param form the form the value takes; it reads the default too
     * @throws IllegalArgumentException if the form refuses the default
     */
    static <T> Setting<T> of(String name, Object defaultValue, Form<T> form) {
        if (defaultValue == null) {
            return new Setting<>(name, null, NONE, form, false);
        }
        String written = String.valueOf(defaultValue);
        StringBuilder refusal = new StringBuilder();
        T value = form.read(written, complaint -> refusal.append(complaint));
        if (value == null || refusal.length() > 0) {
            throw new IllegalArgumentException(name + ": the default '" + written + "' is refused: " + refusal);
        }
        return new Setting<>(name, value, written.isBlank() ? NONE : written, form, false);
    }

    /** This setting, with its default shown in words (for a default worked out at start-up). */
    Setting<T> shownAs(String words) {
        return new Setting<>(name, defaultValue, words, form, secret);
    }

    /** This setting, with its value masked in every message and log line. */
    Setting<T> masked() {
        return new Setting<>(name, defaultValue, shownDefault, form, true);
    }

    /**
     * This whole-number setting with {@code least} as its least accepted number, for a bound that
     * another setting sets.
     *
     * @throws IllegalStateException if the setting does not take a whole number
     */
    Setting<T> from(long least) {
        if (!(form instanceof Form.WholeNumber number)) {
            throw new IllegalStateException(name + " does not take a whole number");
        }
        @SuppressWarnings("unchecked") // a WholeNumber is a Form<Long>, so T is Long
        Form<T> raised = (Form<T>) (Form<?>) number.from(least);
        return new Setting<>(name, defaultValue, shownDefault, raised, secret);
    }
}
