/**
 * Palimpsest core: the archive manifest, one-pass hashing, signing and trust, bundles and
 * verification. Only the API packages are exported; {@code dev.palimpsest.core.internal.*}
 * may change at any time.
 */
module dev.palimpsest.core {
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires org.apache.commons.codec;
    requires com.fasterxml.jackson.dataformat.csv;
    requires transitive java.net.http; // WaybackClient.Builder takes an HttpClient
    // jwarc 0.32.0 has no module descriptor and no Automatic-Module-Name: its automatic name
    // comes from the jar file name (jwarc-0.32.0.jar). Used only inside internal packages.
    requires jwarc;

    exports dev.palimpsest.core.bag;
    exports dev.palimpsest.core.bundle;
    exports dev.palimpsest.core.digest;
    exports dev.palimpsest.core.manifest;
    exports dev.palimpsest.core.verify;
    exports dev.palimpsest.core.capture;
    exports dev.palimpsest.core.sign;
    exports dev.palimpsest.core.sources;
    exports dev.palimpsest.core.wacz;
}
