package io.github.email2fa.web;

import java.io.Serializable;

/**
 * The second-factor flow of one session, kept in the session.
 *
 * @param id random id, the key of the flow's challenge in the store
 * @param subject the user the flow belongs to
 * @param target where to go after success: a path on this site, saved when the flow began
 * @param codeRequested whether the first code was already sent, so later page views never send mail
 * @param purpose why the code is asked for
 */
record SignInFlow(String id, String subject, String target, boolean codeRequested, Purpose purpose) implements Serializable {

    /** Why a code is asked for. */
    enum Purpose {
        /** The second factor after the application's login. */
        SIGN_IN,
        /** A fresh verification for a critical operation ({@code email2fa.stepUp.paths}). */
        STEP_UP,
        /**
         * A fresh verification for the settings page; by email too, so users can enrol, unless
         * {@code email2fa.stepUp.factor=app} and the user has an app.
         */
        CONFIRM
    }

    SignInFlow withCodeRequested() {
        return new SignInFlow(id, subject, target, true, purpose);
    }
}
