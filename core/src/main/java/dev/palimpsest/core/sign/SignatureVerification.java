package dev.palimpsest.core.sign;

import java.util.Collections;
import java.util.List;

/**
 * The outcome of verifying a CMS signature: one {@link SignerResult} per signer. Immutable.
 */
public final class SignatureVerification {
    private final List<SignerResult> signers;

    SignatureVerification(List<SignerResult> signers) {
        this.signers = Collections.unmodifiableList(signers);
    }

    /** One result per signer, in the order of the SignedData. */
    public List<SignerResult> signers() {
        return signers;
    }

    /**
     * The overall status: {@link SignatureStatus#INVALID} if there is no signer or any signer is
     * invalid; otherwise the best status of any signer, so that an untrusted witness does not take
     * trust away from a trusted author.
     */
    public SignatureStatus status() {
        if (signers.isEmpty()) {
            return SignatureStatus.INVALID;
        }
        SignatureStatus best = SignatureStatus.INVALID;
        for (SignerResult s : signers) {
            if (!s.valid()) {
                return SignatureStatus.INVALID;
            }
            if (s.status().compareTo(best) > 0) {
                best = s.status();
            }
        }
        return best;
    }

    /** Whether there is at least one signer and every signature verifies. */
    public boolean isValid() {
        return status().isValid();
    }

    /** Whether every signature verifies and at least one signer is trusted. */
    public boolean isTrusted() {
        return status().isTrusted();
    }

    @Override
    public String toString() {
        return "SignatureVerification[" + status() + ", " + signers + "]";
    }
}
