package dev.palimpsest.core.internal.sign;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One Bouncy Castle provider instance, passed explicitly where Bouncy Castle operators need a
 * provider. It is never registered with {@link java.security.Security}: a library must not change
 * the JCA configuration of the application that embeds it.
 */
public final class BouncyCastle {
    private static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }

    /** The shared, unregistered provider. */
    public static Provider provider() {
        return PROVIDER;
    }
}
