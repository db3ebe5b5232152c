/**
 * Verifying plain BagIt bags (versions 0.93 to 1.0, RFC 8493), as folders or ZIPs, into
 * {@link dev.palimpsest.core.verify.VerificationReport}s with format {@code bagit}. The entry
 * point is {@link dev.palimpsest.core.bag.BagVerifier}.
 */
package dev.palimpsest.core.bag;
