package dev.palimpsest.core.sign;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A signature timestamp (the CAdES signature-timestamp attribute) found on a signer, with the
 * outcome of checking it. Immutable.
 */
public final class SignatureTimestamp {
    private final TimestampToken token;
    private final TimestampException failure;
    private final TrustResult trust;

    SignatureTimestamp(TimestampToken token, TimestampException failure, TrustResult trust) {
        this.token = token;
        this.failure = failure;
        this.trust = Objects.requireNonNull(trust);
    }

    /** The token, unless it could not be parsed. */
    public Optional<TimestampToken> token() {
        return Optional.ofNullable(token);
    }

    /** The time the TSA asserts, unless the token could not be parsed. */
    public Optional<Instant> time() {
        return token().map(TimestampToken::time);
    }

    /** The TSA's name, when known. */
    public Optional<String> tsa() {
        return token().flatMap(TimestampToken::tsaName);
    }

    /** Whether the token covers this signer's signature value and its own signature verifies. */
    public boolean valid() {
        return failure == null;
    }

    /** Why the token is not valid; empty when it is. */
    public Optional<TimestampException.Reason> failureReason() {
        return failure == null ? Optional.empty() : Optional.of(failure.reason());
    }

    /** What is wrong with the token; empty when it is valid. */
    public Optional<String> failureMessage() {
        return failure == null ? Optional.empty() : Optional.of(failure.getMessage());
    }

    /** Whether the policy trusts the TSA now ({@link TrustResult.Reason#NOT_EVALUATED} when the token is invalid). */
    public TrustResult trust() {
        return trust;
    }

    /** Whether the token is valid and its TSA trusted: only then does its time count. */
    public boolean trusted() {
        return valid() && trust.trusted();
    }

    @Override
    public String toString() {
        return "SignatureTimestamp[" + time().map(Instant::toString).orElse("?") + ", tsa=" + tsa().orElse("?")
                + (valid() ? ", valid" : ", invalid: " + failure.reason()) + (trust.trusted() ? ", trusted" : ", untrusted") + "]";
    }
}
