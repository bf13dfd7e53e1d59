package io.github.email2fa.web;

import java.io.Serializable;

/**
 * What the policy decided for this session's user, cached in the session so a user who need not
 * pass the second factor costs one attribute read per request, not a database query. A security
 * change of the account makes it stale, and it is read again.
 */
final class PolicyMark implements Serializable {

    private static final long serialVersionUID = 2L;

    private final String subject;
    private final boolean enrolled;
    private final boolean recommendationShown;
    private final ChangeWatermark watermark;

    /**
     * @param subject the user
     * @param enrolled whether the user has 2FA on
     * @param recommendationShown whether the "set up 2FA?" page was shown in this session
     * @param watermark the account's last security change the decision knows
     */
    PolicyMark(String subject, boolean enrolled, boolean recommendationShown, ChangeWatermark watermark) {
        this.subject = subject;
        this.enrolled = enrolled;
        this.recommendationShown = recommendationShown;
        this.watermark = watermark;
    }

    String subject() {
        return subject;
    }

    boolean enrolled() {
        return enrolled;
    }

    boolean recommendationShown() {
        return recommendationShown;
    }

    ChangeWatermark watermark() {
        return watermark;
    }

    PolicyMark shown() {
        return new PolicyMark(subject, enrolled, true, watermark);
    }
}
