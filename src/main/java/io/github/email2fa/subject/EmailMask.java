package io.github.email2fa.subject;

/** Shortens an address to what a user needs to recognise it: {@code a•••@example.com}. */
public final class EmailMask {

    private EmailMask() {
    }

    /** The masked address; anything that is not an address becomes {@code •••}. */
    public static String mask(String address) {
        if (address == null) {
            return "•••";
        }
        int at = address.lastIndexOf('@');
        if (at < 1 || at == address.length() - 1) {
            return "•••";
        }
        return address.charAt(0) + "•••" + address.substring(at);
    }
}
