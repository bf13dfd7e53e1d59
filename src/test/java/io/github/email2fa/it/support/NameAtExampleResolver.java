package io.github.email2fa.it.support;

import io.github.email2fa.subject.EmailResolver;
import jakarta.servlet.http.HttpServletRequest;

/** Test accounts: {@code carol} receives mail at {@code carol@example.com}. */
public final class NameAtExampleResolver implements EmailResolver {

    @Override
    public String emailOf(String subject, HttpServletRequest request) {
        return subject + "@example.com";
    }
}
