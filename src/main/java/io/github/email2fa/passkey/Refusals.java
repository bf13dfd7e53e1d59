package io.github.email2fa.passkey;

import com.webauthn4j.verifier.exception.BadAaguidException;
import com.webauthn4j.verifier.exception.BadAlgorithmException;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.BadTopOriginException;
import com.webauthn4j.verifier.exception.CertificateException;
import com.webauthn4j.verifier.exception.CrossOriginException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.MissingChallengeException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.NotAllowedCredentialIdException;
import com.webauthn4j.verifier.exception.PublicKeyMismatchException;
import com.webauthn4j.verifier.exception.SelfAttestationProhibitedException;
import com.webauthn4j.verifier.exception.TrustAnchorNotFoundException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.github.email2fa.passkey.PasskeyVerifier.Refused;
import io.github.email2fa.passkey.PasskeyVerifier.Refused.Reason;

/**
 * Turns webauthn4j's verification failures into {@link Refused}. Only the reason crosses over:
 * webauthn4j's messages quote what the client sent (origins, challenges, hashes), which has no
 * place in a log line an attacker can shape.
 */
final class Refusals {

    private Refusals() {
    }

    /** The refusal for one of webauthn4j's verification failures. */
    static Refused of(VerificationException failure) {
        return new Refused(reasonOf(failure), "webauthn4j " + failure.getClass().getSimpleName());
    }

    /** A refusal because the response could not be read; {@code what} names the part, never its content. */
    static Refused malformed(String what) {
        return new Refused(Reason.MALFORMED, what);
    }

    static Reason reasonOf(VerificationException failure) {
        if (failure instanceof BadChallengeException || failure instanceof MissingChallengeException) {
            return Reason.WRONG_CHALLENGE;
        }
        if (failure instanceof BadOriginException || failure instanceof CrossOriginException || failure instanceof BadTopOriginException) {
            return Reason.WRONG_ORIGIN;
        }
        if (failure instanceof BadRpIdException) {
            return Reason.WRONG_RP_ID;
        }
        if (failure instanceof UserNotPresentException) {
            return Reason.USER_NOT_PRESENT;
        }
        if (failure instanceof UserNotVerifiedException) {
            return Reason.USER_NOT_VERIFIED;
        }
        if (failure instanceof BadSignatureException) {
            return Reason.BAD_SIGNATURE;
        }
        if (failure instanceof MaliciousCounterValueException) {
            return Reason.COUNTER_REGRESSION;
        }
        if (failure instanceof NotAllowedCredentialIdException) {
            return Reason.UNKNOWN_CREDENTIAL;
        }
        if (failure instanceof NotAllowedAlgorithmException || failure instanceof BadAlgorithmException) {
            return Reason.UNSUPPORTED_ALGORITHM;
        }
        if (failure instanceof BadAttestationStatementException || failure instanceof BadAaguidException
                || failure instanceof CertificateException || failure instanceof TrustAnchorNotFoundException
                || failure instanceof SelfAttestationProhibitedException || failure instanceof PublicKeyMismatchException) {
            return Reason.BAD_ATTESTATION;
        }
        // The rest says the response breaks the format: a wrong ceremony type, bad flags, a bad key.
        return Reason.MALFORMED;
    }
}
