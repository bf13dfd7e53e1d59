package io.github.email2fa.web;

import java.io.Serializable;

/**
 * What the policy decided for this session's user, cached in the session so a user who need not
 * pass the second factor costs one attribute read per request, not a database query.
 *
 * @param subject the user
 * @param enrolled whether the user has 2FA on
 * @param recommendationShown whether the "set up 2FA?" page was shown in this session
 */
record PolicyMark(String subject, boolean enrolled, boolean recommendationShown) implements Serializable {

    PolicyMark shown() {
        return new PolicyMark(subject, enrolled, true);
    }
}
